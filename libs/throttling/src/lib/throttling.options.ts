import type { RateLimitStore } from './rate-limit.store';

export interface RateLimitPolicy {
  /** Length of the counting window in milliseconds. */
  ttlMs: number;
  /** Requests one caller may make per window, across all routes. */
  limit: number;
}

/** The failed-authentication budget a gateway gets unless it names one. */
export const DEFAULT_AUTH_FAILURE_POLICY: RateLimitPolicy = { ttlMs: 60_000, limit: 20 };

export interface ThrottlingOptions {
  /** Short window against bursts (`THROTTLE_BURST_TTL_MS`, `THROTTLE_BURST_LIMIT`). */
  burst: RateLimitPolicy;
  /** Long window, the caller's steady budget (`THROTTLE_TTL_MS`, `THROTTLE_LIMIT`). */
  sustained: RateLimitPolicy;
  /**
   * Sign-in attempts against password guessing, counted per client address and per account,
   * on routes marked `@LoginAttempt()` (`THROTTLE_LOGIN_TTL_MS`, `THROTTLE_LOGIN_LIMIT`).
   */
  login: RateLimitPolicy;
  /**
   * Answers of 401 and 403 per client address, whatever the route: once an address has had
   * `limit` of them within `ttlMs`, every request from it is refused with 429 for `ttlMs`, before
   * its credentials are looked at. Successful requests do not count.
   * @default { ttlMs: 60_000, limit: 20 }
   */
  authFailures?: RateLimitPolicy;
  /**
   * Shared counters for every instance of the gateway. Without it each instance counts in memory.
   */
  redis?: {
    url: string;
    /** Prefix of every key this gateway writes. @default 'bff:' */
    keyPrefix: string;
    /** The longest a rate-limit check may wait for Redis. */
    timeoutMs: number;
  };
  /**
   * While Redis is unreachable: false (the default) keeps serving and counts in memory per
   * instance; true answers 503.
   */
  failClosed: boolean;
  /**
   * A store of one's own instead of memory or `redis` (as @nestjs/throttler's `storage` option).
   * @default memory, or Redis behind a failover when `redis` is set
   */
  storage?: RateLimitStore;
}
