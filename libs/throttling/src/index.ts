export { SkipThrottle } from '@nestjs/throttler';
export { ThrottlerException } from '@nestjs/throttler';
export * from './lib/gateway-throttler.guard';
export * from './lib/throttling.module';
export type { ThrottlingOptions } from './lib/throttling.options';
