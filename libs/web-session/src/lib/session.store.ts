import type { StoredSession } from './stored-session';

/** Which sessions a back-channel logout ends: those of one provider session, or all of one user's. */
export type SessionSelector = { sid: string } | { sub: string };

/**
 * Where sessions live, by key (the hash of the cookie's session id). Redis (shared by instances) or
 * memory (one instance); every method may reject with SessionStoreUnavailableError.
 */
export interface SessionStore {
  /** Stores a new session until its `expiresAt`, findable by its `sid` and `sub`. */
  create(key: string, session: StoredSession): Promise<void>;
  get(key: string): Promise<StoredSession | undefined>;
  /** Replaces a session that still exists (until its new `expiresAt`); false when it was ended meanwhile. */
  replace(key: string, session: StoredSession): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Ends every session the selector names; answers how many there were. */
  deleteAll(selector: SessionSelector): Promise<number>;
  /** True the first time `name` is claimed within `ttlSeconds`, false after (a used `state`, a seen logout token `jti`). */
  claimOnce(name: string, ttlSeconds: number): Promise<boolean>;
  /** Takes the refresh lock of a session for `ttlMs`; answers its owner token, or undefined if another holds it. */
  lock(key: string, ttlMs: number): Promise<string | undefined>;
  /** Gives a lock back, if `owner` still holds it. */
  unlock(key: string, owner: string): Promise<void>;
  close(): Promise<void>;
}

/** The Nest token of the app's SessionStore. */
export const SESSION_STORE = Symbol('SESSION_STORE');
