export * from './lib/call-context.decorator';
export * from './lib/gateway-exception.filter';
export * from './lib/gateway.bootstrap';
export * from './lib/gateway.module';
export * from './lib/http-error.mapping';
export * from './lib/zod-validation.pipe';
export * from './lib/gateway.lifecycle';
