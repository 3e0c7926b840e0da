import { GatewayMetrics } from '@bff/observability';
import { type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  ThrottlerException,
  ThrottlerStorage,
  getOptionsToken,
  getStorageToken,
} from '@nestjs/throttler';
import { CallerThrottlerGuard } from './caller-throttler.guard';
import type { ThrottlingOptions } from './throttling.options';
import { THROTTLING_OPTIONS } from './throttling.tokens';

interface ThrottledRequest {
  /** Set by the auth guard, which runs first. */
  user?: { sub: string };
}

/** One policy's check of the request, started and not yet awaited. */
interface StartedCheck {
  policy: string;
  outcome: Promise<boolean>;
}

/**
 * @nestjs/throttler's guard, keyed by caller rather than by route: the
 * verified user when there is one, else the client address, so one budget
 * covers every endpoint. The library's `canActivate` and `handleRequest` run
 * as they are (decorators, `@SkipThrottle`, `skipIf`, per-route limits,
 * `X-RateLimit-*` headers per policy, the `-burst` suffix for the burst
 * policy's), with one change: the library awaits each policy's check before
 * starting the next (with Redis, a round trip each); here `handleRequest`
 * starts the check and returns, and `canActivate` awaits every started check
 * together (one round trip), then refuses with the first refusal in policy
 * order. So a request one policy refuses still counts against the others, as a
 * refused request already counts against its own.
 */
@Injectable()
export class GatewayThrottlerGuard extends CallerThrottlerGuard {
  /** Per request, while the library's `canActivate` runs: the checks its `handleRequest` calls started. */
  private readonly started = new WeakMap<object, StartedCheck[]>();

  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(THROTTLING_OPTIONS) throttling: ThrottlingOptions,
    @Optional() private readonly metrics?: GatewayMetrics,
  ) {
    super(options, storage, reflector, throttling);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const { req } = this.getRequestResponse(context);
    const checks: StartedCheck[] = [];
    this.started.set(req, checks);
    try {
      await super.canActivate(context);
    } finally {
      this.started.delete(req);
    }
    const outcomes = await Promise.allSettled(checks.map((check) => check.outcome));
    const refused = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    const outcome = outcomes[refused];
    if (!outcome || outcome.status !== 'rejected') return true;
    if (outcome.reason instanceof ThrottlerException) this.metrics?.rateLimitRejections.inc({ policy: checks[refused]?.policy ?? 'unknown' });
    throw outcome.reason;
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const checks = this.started.get(this.getRequestResponse(request.context).req);
    const outcome = super.handleRequest(request);
    if (!checks) return outcome;
    // Awaited in canActivate; until then, a refusal is not an unhandled rejection.
    outcome.catch(() => undefined);
    checks.push({ policy: request.throttler.name ?? 'default', outcome });
    return Promise.resolve(true);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { user } = request as ThrottledRequest;
    return user ? `user:${user.sub}` : this.addressOf(request);
  }
}
