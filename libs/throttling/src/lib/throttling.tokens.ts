/** Injection token of the ThrottlingOptions a gateway was started with. */
export const THROTTLING_OPTIONS = Symbol('THROTTLING_OPTIONS');

/** Injection token of the RateLimitStore: @nestjs/throttler's storage, typed as what it is. */
export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
