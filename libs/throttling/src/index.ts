export { ThrottlerException } from '@nestjs/throttler';
export * from './lib/failover-throttler.storage';
export * from './lib/gateway-throttler.guard';
export * from './lib/rate-limit-store.error';
export * from './lib/throttling.module';
export type { RateLimitPolicy, ThrottlingOptions } from './lib/throttling.options';
export * from './lib/rate-limit.decorators';
export * from './lib/redis-throttler.storage';
