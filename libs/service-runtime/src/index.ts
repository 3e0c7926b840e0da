export * from './lib/fault.injector';
export * from './lib/sample-service.bootstrap';
export * from './lib/parse-limit.pipe';
