export * from './lib/app-ports';
export * from './lib/config.error';
export * from './lib/gateway-defaults';
export * from './lib/gateway.config';
export * from './lib/identity.config';
export * from './lib/service.config';
export * from './lib/web-sign-in.config';
export type { Env } from './lib/env.parser';
