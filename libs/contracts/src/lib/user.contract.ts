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

export type User = z.infer<typeof userSchema>;
export type UserTier = z.infer<typeof userTierSchema>;
