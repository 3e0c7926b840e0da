import type { AuthenticatedUser } from '@bff/auth';
import { z } from 'zod';

/** What the single-page app learns about its session: never the token itself. */
export const sessionViewSchema = z.object({
  user: z.object({ id: z.string(), email: z.string().nullable(), roles: z.array(z.string()) }),
  expiresAt: z.string().describe('ISO-8601; the app signs in again after it.'),
  csrfToken: z.string().nullable().describe('Send back as `X-CSRF-Token` on every request that changes something (cookie sessions only).'),
});

export type SessionView = z.infer<typeof sessionViewSchema>;

export function toSessionView(user: AuthenticatedUser, csrfToken: string | undefined): SessionView {
  return {
    user: { id: user.sub, email: user.email ?? null, roles: user.roles },
    expiresAt: new Date(user.expiresAt * 1000).toISOString(),
    csrfToken: csrfToken ?? null,
  };
}
