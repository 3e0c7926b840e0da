import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** A session as web-bff keeps it on the server: the tokens never leave it. */
export const storedSessionSchema = z.object({
  /** The user (the ID token's `sub`). */
  sub: z.string().min(1),
  /** The provider's session id (the ID token's `sid`), by which back-channel logout names it. */
  sid: z.string().min(1).optional(),
  email: z.string().optional(),
  accessToken: z.string().min(1),
  /** When the access token expires, in seconds since the epoch. */
  accessExpiresAt: z.number(),
  /** Its lifetime as issued, in seconds: how early a refresh starts depends on it. */
  accessLifetime: z.number().positive(),
  refreshToken: z.string().min(1).optional(),
  /** The last ID token, as `id_token_hint` for the provider's end-session endpoint. */
  idToken: z.string().min(1).optional(),
  csrfToken: z.string().min(1),
  /** When the session ends, in seconds since the epoch. */
  expiresAt: z.number(),
  /** Bumped on every refresh, so that a waiting instance sees that another one refreshed. */
  version: z.number().int().nonnegative(),
});

export type StoredSession = z.infer<typeof storedSessionSchema>;

/** A random session id: what the browser's cookie holds (256 bits, base64url). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * The store's key for a session id, or undefined for a value no session id has the shape of. The
 * store keeps only this hash, so a copy of the store does not hold cookies that would open sessions.
 */
export function sessionKeyOf(sessionId: string | undefined): string | undefined {
  if (!sessionId || !SESSION_ID.test(sessionId)) return undefined;
  return createHash('sha256').update(sessionId).digest('base64url');
}

/** How many seconds before its expiry an access token is refreshed: a minute, or a third of a short lifetime. */
export function refreshLeadSeconds(session: Pick<StoredSession, 'accessLifetime'>): number {
  return Math.min(60, session.accessLifetime / 3);
}
