import { GatewayMetrics } from '@bff/observability';
import { type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  type Resolvable,
  type ThrottlerGenerateKeyFunction,
  type ThrottlerGetTrackerFunction,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
  ThrottlerGuard,
  ThrottlerStorage,
  getOptionsToken,
  getStorageToken,
} from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';
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

/** What one policy means on one route, from the route's and its controller's decorators. */
interface RoutePolicy {
  throttler: ThrottlerOptions & { name: string };
  /** `@SkipThrottle` for this policy. */
  skipped: boolean;
  limit: Resolvable<number>;
  ttl: Resolvable<number>;
  /** Undefined: the ttl. */
  blockDuration: Resolvable<number> | undefined;
  getTracker: ThrottlerGetTrackerFunction;
  generateKey: ThrottlerGenerateKeyFunction;
}

/** One policy's figures for this request. */
interface PolicyCheck {
  policy: RoutePolicy;
  limit: number;
  ttl: number;
  blockDuration: number;
}

interface PolicyCount {
  key: string;
  tracker: string;
  record: Awaited<ReturnType<ThrottlerStorage['increment']>>;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's handlers and controllers are plain functions
type RouteTarget = Function;

/**
 * @nestjs/throttler's guard, keyed by caller rather than by route: the
 * verified user when there is one, else the client IP, so one budget covers
 * every endpoint. Adds `X-RateLimit-*` headers (the sustained policy's; the
 * burst policy's carry a `-burst` suffix), and a plain `Retry-After` on 429
 * whichever policy refused.
 *
 * `canActivate` is the library's, with two changes measured in the README's
 * performance section: each route's decorators are read once and kept (the
 * library reads five per policy on every request: twenty lookups of
 * reflect-metadata for four policies), and every policy is counted at once, then
 * answered in order (the library counts one after the other: with Redis, one
 * round trip each). So a request the burst policy refuses still counts against
 * the sustained one, as a refused request already counts against its own.
 */
@Injectable()
export class GatewayThrottlerGuard extends ThrottlerGuard {
  private readonly routePolicies = new WeakMap<RouteTarget, WeakMap<RouteTarget, RoutePolicy[]>>();

  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(THROTTLING_OPTIONS) private readonly throttling: ThrottlingOptions,
    @Optional() private readonly metrics?: GatewayMetrics,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (await this.shouldSkip(context)) return true;
    const checks: PolicyCheck[] = [];
    for (const policy of this.policiesOf(context)) {
      const skipIf = policy.throttler.skipIf ?? this.commonOptions.skipIf;
      if (policy.skipped || skipIf?.(context)) continue;
      const limit = numberOf(await resolve(policy.limit, context), 'limit', policy.throttler.name);
      const ttl = numberOf(await resolve(policy.ttl, context), 'ttl', policy.throttler.name);
      const blockDuration = policy.blockDuration === undefined ? ttl : numberOf(await resolve(policy.blockDuration, context), 'blockDuration', policy.throttler.name);
      checks.push({ policy, limit, ttl, blockDuration });
    }
    const { req, res } = this.getRequestResponse(context);
    // Every policy counted at once: with Redis, the request waits one round trip, not one per policy.
    const counts = await Promise.all(checks.map((check) => this.count(context, req, check)));
    for (const [index, count] of counts.entries()) {
      const check = checks[index];
      if (count && check) await this.answer(context, res, check, count);
    }
    return true;
  }

  /** The library's `handleRequest` up to the storage call: the caller's key, counted. Undefined for an ignored user agent. */
  private async count(context: ExecutionContext, req: Record<string, unknown>, { policy, limit, ttl, blockDuration }: PolicyCheck): Promise<PolicyCount | undefined> {
    const ignoreUserAgents = policy.throttler.ignoreUserAgents ?? this.commonOptions.ignoreUserAgents;
    if (ignoreUserAgents) {
      const userAgent = (req as { headers: Record<string, string | undefined> }).headers['user-agent'] ?? '';
      if (ignoreUserAgents.some((pattern) => pattern.test(userAgent))) return undefined;
    }
    const tracker = await policy.getTracker(req, context);
    const key = policy.generateKey(context, tracker, policy.throttler.name);
    return { key, tracker, record: await this.storageService.increment(key, ttl, limit, blockDuration, policy.throttler.name) };
  }

  /** The library's `handleRequest` after the storage call: the policy's headers, or its 429. */
  private async answer(context: ExecutionContext, res: Record<string, unknown>, { policy, limit, ttl }: PolicyCheck, { key, tracker, record }: PolicyCount): Promise<void> {
    const suffix = policy.throttler.name === 'default' ? '' : `-${policy.throttler.name}`;
    const setHeaders = policy.throttler.setHeaders ?? this.commonOptions.setHeaders ?? true;
    if (record.isBlocked) {
      if (setHeaders) this.setResponseHeader(res, `Retry-After${suffix}`, record.timeToBlockExpire);
      await this.throwThrottlingException(context, { limit, ttl, key, tracker, ...record });
    }
    if (setHeaders) {
      this.setResponseHeader(res, `${this.headerPrefix}-Limit${suffix}`, limit);
      this.setResponseHeader(res, `${this.headerPrefix}-Remaining${suffix}`, Math.max(0, limit - record.totalHits));
      this.setResponseHeader(res, `${this.headerPrefix}-Reset${suffix}`, record.timeToExpire);
    }
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

  private policiesOf(context: ExecutionContext): RoutePolicy[] {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byController = this.routePolicies.get(handler);
    if (!byController) this.routePolicies.set(handler, (byController = new WeakMap()));
    let policies = byController.get(controller);
    if (!policies) byController.set(controller, (policies = this.readPolicies(handler, controller)));
    return policies;
  }

  private readPolicies(handler: RouteTarget, controller: RouteTarget): RoutePolicy[] {
    return this.throttlers.map((options) => {
      const throttler = { ...options, name: options.name ?? 'default' };
      const read = <T>(key: string) => this.reflector.getAllAndOverride<T | undefined>(key + throttler.name, [handler, controller]);
      const limit = read<Resolvable<number>>(THROTTLER_LIMIT) ?? throttler.limit;
      const ttl = read<Resolvable<number>>(THROTTLER_TTL) ?? throttler.ttl;
      const blockDuration = read<Resolvable<number>>(THROTTLER_BLOCK_DURATION) ?? throttler.blockDuration;
      // Fixed values are checked here, once; computed ones on each request.
      for (const [option, value] of [['limit', limit], ['ttl', ttl], ['blockDuration', blockDuration ?? ttl]] as const) {
        if (typeof value !== 'function') numberOf(value, option, throttler.name);
      }
      return {
        throttler,
        skipped: Boolean(read<boolean>(THROTTLER_SKIP)),
        limit,
        ttl,
        blockDuration,
        getTracker: read<ThrottlerGetTrackerFunction>(THROTTLER_TRACKER) || throttler.getTracker || (this.commonOptions.getTracker as ThrottlerGetTrackerFunction),
        generateKey: read<ThrottlerGenerateKeyFunction>(THROTTLER_KEY_GENERATOR) || throttler.generateKey || (this.commonOptions.generateKey as ThrottlerGenerateKeyFunction),
      };
    });
  }
}

function resolve<T extends number>(value: Resolvable<T>, context: ExecutionContext): T | Promise<T> {
  return typeof value === 'function' ? value(context) : value;
}

/** The library's check: a number, or a string that is one. */
function numberOf(value: unknown, option: string, throttlerName: string): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number)) {
    throw new Error(`Invalid "${option}" for the "${throttlerName}" throttler: expected a number, got ${JSON.stringify(value)}.`);
  }
  return number;
}
