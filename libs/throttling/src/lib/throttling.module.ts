import { type DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { GatewayThrottlerGuard } from './gateway-throttler.guard';
import type { ThrottlingOptions } from './throttling.options';

/**
 * Rate limiting for both gateways: `ThrottlingModule.forRoot({ ttlMs, limit })`,
 * then register `GatewayThrottlerGuard` as an `APP_GUARD` after the auth guard.
 * Counts in memory (one instance); Redis comes with the rate-limiting issue.
 */
@Module({})
export class ThrottlingModule {
  static forRoot(options: ThrottlingOptions): DynamicModule {
    return {
      module: ThrottlingModule,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: options.ttlMs, limit: options.limit }] })],
      providers: [GatewayThrottlerGuard],
      exports: [ThrottlerModule, GatewayThrottlerGuard],
    };
  }
}
