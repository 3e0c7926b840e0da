export * from './lib/bootstrap/gateway.bootstrap';
export * from './lib/bootstrap/gateway.settings';
export * from './lib/errors/gateway-exception.filter';
export * from './lib/errors/http-error.mapping';
export * from './lib/gateway.lifecycle';
export { DEGRADED_HEADER } from './lib/http/degraded-header.hook';
export * from './lib/http/http-caching';
export * from './lib/http/response-compression';
export * from './lib/module/call-context.decorator';
export * from './lib/module/gateway.module';
export * from './lib/pipeline/fastify-handler.decorator';
export { RouteAccessPipeline } from './lib/pipeline/route-access.pipeline';
export { compileRoutePipelines } from './lib/pipeline/route-pipeline.compiler';
// Kept for @bff/routing's pass-through controllers until they import @bff/openapi themselves.
export { ApiPassThrough, type PassThroughDocumentation } from '@bff/openapi';
