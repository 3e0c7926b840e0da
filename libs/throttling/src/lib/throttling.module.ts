import { type DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { GatewayThrottlerGuard } from './gateway-throttler.guard';
import { accountOf, isLoginAttempt } from './rate-limit.decorators';
import { createThrottlerStorage } from './throttler-storage.factory';
import type { ThrottlingOptions } from './throttling.options';
import { THROTTLING_OPTIONS } from './throttling.tokens';

/**
 * Rate limiting for both gateways: `ThrottlingModule.forRoot(options)`, then
 * register `GatewayThrottlerGuard` as an `APP_GUARD` after the auth guard.
 * Two policies per caller, burst and sustained; counted in Redis across
 * instances when configured, else in memory.
 */
@Module({})
export class ThrottlingModule {
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
          storage: createThrottlerStorage(options),
        }),
      ],
      providers: [{ provide: THROTTLING_OPTIONS, useValue: options }, GatewayThrottlerGuard],
      exports: [ThrottlerModule, GatewayThrottlerGuard],
    };
  }
}
