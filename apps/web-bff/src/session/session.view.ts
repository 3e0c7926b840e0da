import type { AuthenticatedUser } from '@bff/auth';

/** What the single-page app learns about its session: never the token itself. */
export interface SessionView {
  user: { id: string; email: string | null; roles: string[] };
  /** ISO-8601; the app signs in again after it. */
  expiresAt: string;
  /** Send back as `X-CSRF-Token` on every request that changes something (cookie sessions only). */
  csrfToken: string | null;
}

export function toSessionView(user: AuthenticatedUser, csrfToken: string | undefined): SessionView {
  return {
    user: { id: user.sub, email: user.email ?? null, roles: user.roles },
    expiresAt: new Date(user.expiresAt * 1000).toISOString(),
    csrfToken: csrfToken ?? null,
  };
}
