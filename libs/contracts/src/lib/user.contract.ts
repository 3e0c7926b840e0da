import { z } from 'zod';

export const userTierSchema = z.enum(['standard', 'silver', 'gold']);

/** user-service `GET /users/:id`. */
export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  avatarUrl: z.string(),
  tier: userTierSchema,
  /** ISO-8601 timestamp. */
  createdAt: z.string(),
});

/**
 * user-service `PATCH /users/:id`: what a user may change about themselves, at least one field.
 * Names are trimmed; an avatar is an https URL (never `javascript:` or `data:`, since pages show it).
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
export type UserTier = z.infer<typeof userTierSchema>;
