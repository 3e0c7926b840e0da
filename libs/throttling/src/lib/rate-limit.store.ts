import type { ThrottlerStorage } from '@nestjs/throttler';

/** Where a gateway's rate-limit counts are kept right now, for health checks. */
export type RateLimitStoreState =
  | { store: 'memory' }
  | { store: 'redis'; reachable: true }
  /** Redis does not answer: counting in memory per instance (fail-open), or refusing with 503 (fail-closed). */
  | { store: 'redis'; reachable: false; failClosed: boolean };

/**
 * @nestjs/throttler's storage, plus the two questions it cannot answer: whether
 * a key is blocked, asked without counting (the failed-authentication check
 * runs before a request's outcome is known, and only failures count), and where
 * counts are kept (for readiness).
 */
export interface RateLimitStore extends ThrottlerStorage {
  /**
   * Seconds left on the block of `key` under the policy `throttlerName` (as set by `increment`
   * past the limit), 0 when it is not blocked. Counts nothing.
   */
  blockedFor(key: string, throttlerName: string): Promise<number>;
  state(): Promise<RateLimitStoreState>;
}
