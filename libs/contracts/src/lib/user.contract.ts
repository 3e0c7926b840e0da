import { z } from 'zod';
import { openSetOf } from './open-set.contract';

/** The tiers the gateway knows today; user-service may add more (`platinum`, `free`...). */
export const USER_TIERS = ['standard', 'silver', 'gold'] as const;

/** The tier of a user without one: the base tier. */
export const DEFAULT_USER_TIER = 'standard' satisfies (typeof USER_TIERS)[number];

export const knownUserTierSchema = z.enum(USER_TIERS);

/** An open set (see `openSetOf`): a tier user-service adds is carried through as the string it is. */
export const userTierSchema = openSetOf(knownUserTierSchema).describe(
  `An open set: ${USER_TIERS.join(', ')} today, and any tier user-service adds later (show it as it is). ${DEFAULT_USER_TIER} when the service says none.`,
);

/**
 * user-service `GET /users/:id`, read tolerantly: fields it does not name are dropped, what a screen
 * can do without takes a default, and only a user without an id, a name or `createdAt` breaks the contract.
 */
export const userSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  email: z.string().default('').describe('Empty when user-service does not say.'),
  avatarUrl: z.string().default('').describe('Empty when the user has none: show a placeholder.'),
  tier: userTierSchema.default(DEFAULT_USER_TIER),
  /** ISO-8601 timestamp. */
  createdAt: z.string(),
});

/**
 * user-service `PATCH /users/:id`: what a user may change about themselves, at least one field.
 * Names are trimmed; an avatar is an https URL (never `javascript:` or `data:`, since pages show it).
 * Strict, as everything the gateway sends: a field it does not name is the client's mistake.
 */
export const userUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    avatarUrl: z
      .string()
      .max(500)
      .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', 'must be an https URL'),
  })
  .partial()
  .refine((update) => update.name !== undefined || update.avatarUrl !== undefined, 'must change name or avatarUrl');

export type User = z.infer<typeof userSchema>;
export type UserUpdate = z.infer<typeof userUpdateSchema>;
/** Any tier, including those added after this gateway was built. */
export type UserTier = z.infer<typeof userTierSchema>;
export type KnownUserTier = z.infer<typeof knownUserTierSchema>;
