import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { FastifyInstance } from 'fastify';
import { ThrottlerModule, getStorageToken } from '@nestjs/throttler';
import { AuthFailureThrottlerGuard } from './auth-failure-throttler.guard';
import { countAuthFailures } from './auth-failure.hook';
import { GatewayThrottlerGuard } from './gateway-throttler.guard';
import { RateLimitStoreHealthIndicator } from './rate-limit-store.health';
import { accountOf, isLoginAttempt } from './rate-limit.decorators';
import { createThrottlerStorage } from './throttler-storage.factory';
import type { ThrottlingOptions } from './throttling.options';
import { RATE_LIMIT_STORE, THROTTLING_OPTIONS } from './throttling.tokens';

/**
 * Rate limiting for both gateways: `ThrottlingModule.forRoot(options)`, then
 * run `AuthFailureThrottlerGuard` first (before the auth guard) and
 * `GatewayThrottlerGuard` after the auth guards (the gateway's route pipeline
 * does, from each route's Fastify hook; as `APP_GUARD`s they work the same). Burst and
 * sustained policies per caller, the login policy per address and account on
 * sign-in routes, the failed-authentication budget per address; counted in
 * Redis across instances when configured, else in memory (failures counted
 * by a Fastify `onSend` hook the module adds at start-up).
 * `RateLimitStoreHealthIndicator` reports the store to terminus.
 */
@Module({})
export class ThrottlingModule implements OnModuleInit {
  static forRoot(options: ThrottlingOptions): DynamicModule {
    return {
      module: ThrottlingModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'burst', ttl: options.burst.ttlMs, limit: options.burst.limit },
            // 'default' is the policy whose headers carry no suffix: X-RateLimit-Limit etc.
            { name: 'default', ttl: options.sustained.ttlMs, limit: options.sustained.limit },
            // Only on @LoginAttempt() routes: per client address, and per account named in the body.
            { name: 'login-ip', ttl: options.login.ttlMs, limit: options.login.limit, skipIf: (context) => !isLoginAttempt(context) },
            {
              name: 'login-account',
              ttl: options.login.ttlMs,
              limit: options.login.limit,
              skipIf: (context) => !isLoginAttempt(context),
              getTracker: (request) => `account:${accountOf(request)}`,
            },
          ],
          storage: options.storage ?? createThrottlerStorage(options),
        }),
        // For HealthIndicatorService, as terminus's custom indicators do.
        TerminusModule,
      ],
      providers: [
        { provide: THROTTLING_OPTIONS, useValue: options },
        // An alias, not a second provider: the store's start-up and shutdown hooks run once.
        { provide: RATE_LIMIT_STORE, useExisting: getStorageToken() },
        GatewayThrottlerGuard,
        AuthFailureThrottlerGuard,
        RateLimitStoreHealthIndicator,
      ],
      exports: [ThrottlerModule, GatewayThrottlerGuard, AuthFailureThrottlerGuard, RateLimitStoreHealthIndicator],
    };
  }

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authFailures: AuthFailureThrottlerGuard,
  ) {}

  /** Before `listen`, while Fastify still takes hooks. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) countAuthFailures(fastify, this.authFailures);
  }
}
