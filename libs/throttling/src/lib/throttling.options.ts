export interface RateLimitPolicy {
  /** Length of the counting window in milliseconds. */
  ttlMs: number;
  /** Requests one caller may make per window, across all routes. */
  limit: number;
}

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
}
