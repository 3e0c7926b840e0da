import { GatewayMetrics } from '@bff/observability';
import { type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ThrottlerLimitDetail, type ThrottlerModuleOptions, ThrottlerGuard, ThrottlerStorage, getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { THROTTLING_OPTIONS } from './throttling.tokens';
import type { ThrottlingOptions } from './throttling.options';

interface ThrottledRequest {
  /** Set by the auth guard, which runs first. */
  user?: { sub: string };
  /** The client address: the socket's, or the one trusted proxies (TRUST_PROXY) report. */
  ip: string;
}

interface HeaderWriter {
  header(name: string, value: string | number): unknown;
}

/**
 * @nestjs/throttler's guard, keyed by caller rather than by route: the
 * verified user when there is one, else the client IP, so one budget covers
 * every endpoint. Adds `X-RateLimit-*` headers (the sustained policy's; the
 * burst policy's carry a `-burst` suffix), and a plain `Retry-After` on 429
 * whichever policy refused.
 */
@Injectable()
export class GatewayThrottlerGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(THROTTLING_OPTIONS) private readonly throttling: ThrottlingOptions,
    @Optional() private readonly metrics?: GatewayMetrics,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: ThrottledRequest): Promise<string> {
    return request.user ? `user:${request.user.sub}` : `ip:${request.ip}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${this.throttling.redis?.keyPrefix ?? ''}${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<HeaderWriter>().header('Retry-After', Math.max(1, detail.timeToBlockExpire));
    const policy = detail.key.slice((this.throttling.redis?.keyPrefix ?? '').length).split(':')[0] ?? 'unknown';
    this.metrics?.rateLimitRejections.labels(policy).inc();
    return super.throwThrottlingException(context, detail);
  }
}
