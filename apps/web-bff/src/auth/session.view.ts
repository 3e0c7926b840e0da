import type { AuthenticatedUser, WebSession } from '@bff/auth';
import { z } from 'zod';

/** What the single-page app learns about its session: never a token. */
export const sessionViewSchema = z.object({
  user: z.object({ id: z.string(), email: z.string().nullable(), roles: z.array(z.string()) }),
  expiresAt: z.string().describe('ISO-8601: when the session ends (a cookie session outlives its access tokens, which web-bff refreshes).'),
  csrfToken: z.string().nullable().describe('Send back as `X-CSRF-Token` on every request that changes something (cookie sessions only).'),
});

export type SessionView = z.infer<typeof sessionViewSchema>;

/** What a logout answers: the provider's end-session URL, for the browser to visit and sign out there too. */
export const endedSessionSchema = z.object({
  endSessionUrl: z.string().nullable().describe("The identity provider's end-session URL (RP-Initiated Logout), or null when there is none to visit."),
});

/** JavaScript's Date ends at ±8.64e15 ms; a token may claim any number. */
const LAST_DATE_MS = 8.64e15;

/** A time in seconds since the epoch as ISO-8601, clamped to what a Date can hold: never a RangeError (an `exp` of 1e20). */
export function isoTime(seconds: number): string {
  const ms = seconds * 1000;
  return new Date(Number.isFinite(ms) ? Math.max(-LAST_DATE_MS, Math.min(LAST_DATE_MS, ms)) : LAST_DATE_MS).toISOString();
}

/** The caller (from the verified access token) and, for a cookie session, the session's end and CSRF token. */
export function toSessionView(user: AuthenticatedUser, session: WebSession | undefined): SessionView {
  return {
    user: { id: user.sub, email: user.email ?? session?.email ?? null, roles: user.roles },
    expiresAt: isoTime(session?.expiresAt ?? user.expiresAt),
    csrfToken: session?.csrfToken ?? null,
  };
}
