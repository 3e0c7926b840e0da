import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { SessionSelector, SessionStore } from './session.store';
import { type StoredSession, storedSessionSchema } from './stored-session';
import { SessionStoreUnavailableError } from './web-session.errors';

// Deletes the lock only if the caller still owns it (it may have expired and been taken by another instance).
const UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Sessions in Redis, shared by every instance: a revoked session is gone for all of them at once, since
 * each looks its sessions up on every request. Keys (under `<REDIS_KEY_PREFIX>session:`): `s:<key>` the
 * session (expiring with it), `sid:<sid>` and `sub:<sub>` sets of session keys for back-channel logout,
 * `once:<name>` claims, `lock:<key>` refresh locks.
 */
export class RedisSessionStore implements SessionStore {
  private readonly logger = new Logger('WebSessions');

  constructor(private readonly redis: Redis) {}

  static connect(options: { url: string; keyPrefix: string; timeoutMs: number }): RedisSessionStore {
    const Redis = loadRedis();
    const redis = new Redis(options.url, {
      keyPrefix: `${options.keyPrefix}session:`,
      // Commands wait for the connection (at start-up, after a blip) at most commandTimeout, then fail: a 503, fast.
      enableOfflineQueue: true,
      commandTimeout: options.timeoutMs,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    });
    const store = new RedisSessionStore(redis);
    // Failures surface as SessionStoreUnavailableError on the requests that meet them; this keeps ioredis quiet.
    redis.on('error', (error: Error) => store.logger.debug?.(`Redis: ${error.message}`));
    return store;
  }

  create(key: string, session: StoredSession): Promise<void> {
    return this.run(async () => {
      const expiresAtMs = Math.ceil(session.expiresAt * 1000);
      const multi = this.redis.multi().set(`s:${key}`, JSON.stringify(session), 'PXAT', expiresAtMs);
      for (const index of indexesOf(session)) multi.sadd(index, key).pexpireat(index, expiresAtMs, 'GT').pexpireat(index, expiresAtMs, 'NX');
      await multi.exec();
    });
  }

  get(key: string): Promise<StoredSession | undefined> {
    return this.run(async () => {
      const raw = await this.redis.get(`s:${key}`);
      if (raw === null) return undefined;
      const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    });
  }

  replace(key: string, session: StoredSession): Promise<boolean> {
    return this.run(async () => {
      // XX: only while it exists, so that a refresh finishing after a logout does not bring the session back.
      const answer = await this.redis.set(`s:${key}`, JSON.stringify(session), 'PXAT', Math.ceil(session.expiresAt * 1000), 'XX');
      return answer === 'OK';
    });
  }

  delete(key: string): Promise<void> {
    return this.run(async () => {
      await this.redis.del(`s:${key}`);
    });
  }

  deleteAll(selector: SessionSelector): Promise<number> {
    return this.run(async () => {
      const index = 'sid' in selector ? `sid:${selector.sid}` : `sub:${selector.sub}`;
      const keys = await this.redis.smembers(index);
      if (keys.length === 0) return 0;
      const results = await this.redis
        .multi()
        .del(...keys.map((key) => `s:${key}`))
        .del(index)
        .exec();
      const deleted = results?.[0]?.[1];
      return typeof deleted === 'number' ? deleted : 0;
    });
  }

  claimOnce(name: string, ttlSeconds: number): Promise<boolean> {
    return this.run(async () => (await this.redis.set(`once:${name}`, '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')) === 'OK');
  }

  lock(key: string, ttlMs: number): Promise<string | undefined> {
    return this.run(async () => {
      const owner = randomUUID();
      return (await this.redis.set(`lock:${key}`, owner, 'PX', ttlMs, 'NX')) === 'OK' ? owner : undefined;
    });
  }

  unlock(key: string, owner: string): Promise<void> {
    return this.run(async () => {
      await this.redis.eval(UNLOCK, 1, `lock:${key}`, owner);
    });
  }

  /** Every write was awaited where it was made, so nothing is left to flush: the connection just closes. */
  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new SessionStoreUnavailableError(error instanceof Error ? error.message : String(error));
    }
  }
}

function indexesOf(session: StoredSession): string[] {
  return [...(session.sid ? [`sid:${session.sid}`] : []), `sub:${session.sub}`];
}

/** ioredis, loaded only by a gateway that has a Redis to talk to: otherwise about 20 ms and 39 modules of its start-up. */
function loadRedis(): typeof Redis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy
  return (require('ioredis') as typeof import('ioredis')).default;
}
