import { GatewayMetrics } from '@bff/observability';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerRequest } from '@nestjs/throttler';
import { CallerThrottlerGuard } from './caller-throttler.guard';
import { AUTH_FAILURE_POLICY } from './rate-limit.decorators';
import type { RateLimitStore } from './rate-limit.store';
import { DEFAULT_AUTH_FAILURE_POLICY, type ThrottlingOptions } from './throttling.options';
import { RATE_LIMIT_STORE, THROTTLING_OPTIONS } from './throttling.tokens';

/** Answers that say the caller's credentials were missing, wrong or not enough. */
const AUTH_FAILURES = new Set([401, 403]);

/** What counting a request's failure takes, kept from its check until its answer. */
interface PendingCount {
  key: string;
  ttl: number;
  limit: number;
  blockDuration: number;
  policy: string;
}

/**
 * Failed authentication counts: every 401 and 403 a client address is
 * answered counts against its budget (`authFailures`, per address across
 * routes and, with Redis, across instances), and once it has had `limit` of
 * them, each request from it is refused with 429 and `Retry-After` until the
 * window is over. Registered before the auth guard, so that a refused request's
 * credentials are never looked at: token guessing, and floods of tokens naming
 * unknown keys, cost the gateway a lookup each, not a verification or a JWKS
 * fetch. Successful requests count nothing.
 *
 * @nestjs/throttler's guard with one policy, `auth-failure` (`@SkipThrottle`,
 * `@Throttle` and `@NotRateLimited()` work on it as on the others), whose
 * `handleRequest` asks the store whether the address is blocked, without
 * counting; `countAnswer` counts the request once its answer is known, before
 * it is sent (ThrottlingModule calls it from a Fastify `onSend` hook), so that
 * the next request, whichever instance it reaches, sees the count.
 */
@Injectable()
export class AuthFailureThrottlerGuard extends CallerThrottlerGuard {
  private readonly pending = new WeakMap<object, PendingCount>();

  // Every parameter the library's constructor injects by token (its first two) is injected by a
  // token here too: Nest's @Inject metadata is inherited by position.
  constructor(
    @Inject(THROTTLING_OPTIONS) throttling: ThrottlingOptions,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    reflector: Reflector,
    @Optional() private readonly metrics?: GatewayMetrics,
  ) {
    const { ttlMs, limit } = throttling.authFailures ?? DEFAULT_AUTH_FAILURE_POLICY;
    super({ throttlers: [{ name: AUTH_FAILURE_POLICY, ttl: ttlMs, limit }], setHeaders: false }, store, reflector, throttling);
  }

  protected override async handleRequest({ context, limit, ttl, blockDuration, throttler, getTracker, generateKey }: ThrottlerRequest): Promise<boolean> {
    const policy = throttler.name ?? AUTH_FAILURE_POLICY;
    const { req } = this.getRequestResponse(context);
    const tracker = await getTracker(req, context);
    const key = generateKey(context, tracker, policy);
    const wait = await this.store.blockedFor(key, policy);
    if (wait > 0) {
      this.metrics?.rateLimitRejections.inc({ policy });
      await this.throwThrottlingException(context, { limit, ttl, key, tracker, totalHits: limit, timeToExpire: wait, isBlocked: true, timeToBlockExpire: wait });
    }
    this.pending.set(req, { key, ttl, limit, blockDuration, policy });
    return true;
  }

  /**
   * Counts the answer to `request` against its address's budget when it is a 401 or 403 (and the
   * request was checked). A failure waits for its count, at most the store's timeout; anything
   * else is not delayed at all (undefined).
   */
  countAnswer(request: object, status: number): Promise<void> | undefined {
    const pending = this.pending.get(request);
    if (!pending || !AUTH_FAILURES.has(status)) return undefined;
    this.pending.delete(request);
    const { key, ttl, limit, blockDuration, policy } = pending;
    // The storage blocks on the hit past its limit; the block is to start with the limit-th
    // failure, so that `limit` failures is what an address gets. An outage of the store is the
    // failover's to report: the answer goes out regardless.
    return this.store.increment(key, ttl, limit - 1, blockDuration, policy).then(
      () => undefined,
      () => undefined,
    );
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    // Never the user: nothing about the caller is verified yet.
    return this.addressOf(request);
  }
}
