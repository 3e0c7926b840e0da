import { randomUUID } from 'node:crypto';
import type { SessionSelector, SessionStore } from './session.store';
import type { StoredSession } from './stored-session';

/**
 * Sessions in this process's memory: for one instance without Redis (a second instance would know
 * none of them, and a logout on one would not reach the other). Expired entries are dropped as they are met.
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>();
  private readonly claims = new Map<string, number>();
  private readonly locks = new Map<string, { owner: string; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async create(key: string, session: StoredSession): Promise<void> {
    this.sweep();
    this.sessions.set(key, session);
  }

  async get(key: string): Promise<StoredSession | undefined> {
    const session = this.sessions.get(key);
    if (session && session.expiresAt * 1000 <= this.now()) {
      this.sessions.delete(key);
      return undefined;
    }
    return session;
  }

  async replace(key: string, session: StoredSession): Promise<boolean> {
    if (!(await this.get(key))) return false;
    this.sessions.set(key, session);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.sessions.delete(key);
  }

  async deleteAll(selector: SessionSelector): Promise<number> {
    let ended = 0;
    for (const [key, session] of this.sessions) {
      if ('sid' in selector ? session.sid === selector.sid : session.sub === selector.sub) {
        this.sessions.delete(key);
        ended++;
      }
    }
    return ended;
  }

  async claimOnce(name: string, ttlSeconds: number): Promise<boolean> {
    const until = this.claims.get(name);
    if (until !== undefined && until > this.now()) return false;
    this.claims.set(name, this.now() + ttlSeconds * 1000);
    return true;
  }

  async lock(key: string, ttlMs: number): Promise<string | undefined> {
    const held = this.locks.get(key);
    if (held && held.until > this.now()) return undefined;
    const owner = randomUUID();
    this.locks.set(key, { owner, until: this.now() + ttlMs });
    return owner;
  }

  async unlock(key: string, owner: string): Promise<void> {
    if (this.locks.get(key)?.owner === owner) this.locks.delete(key);
  }

  async close(): Promise<void> {
    this.sessions.clear();
  }

  /** Drops what has expired, so that abandoned sessions and claims do not pile up. */
  private sweep(): void {
    const now = this.now();
    for (const [key, session] of this.sessions) if (session.expiresAt * 1000 <= now) this.sessions.delete(key);
    for (const [name, until] of this.claims) if (until <= now) this.claims.delete(name);
    for (const [key, lock] of this.locks) if (lock.until <= now) this.locks.delete(key);
  }
}
