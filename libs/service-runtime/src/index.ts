export * from './lib/asset.urls';
export * from './lib/fastify-service.bootstrap';
export * from './lib/fault.injector';
export type { RecordedRequest } from './lib/recorded.request';
export * from './lib/sample-service.bootstrap';
export * from './lib/parse-limit.pipe';
export * from './lib/svg-picture.decorator';
