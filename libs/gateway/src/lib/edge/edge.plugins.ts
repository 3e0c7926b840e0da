import type { GatewayConfig } from '@bff/config';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addConditionalGets } from '../http/http-caching';
import { registerResponseCompression } from '../http/response-compression';
import type { GatewayHttpOptions } from '../bootstrap/gateway.settings';
import { HELMET_OPTIONS } from './edge-error.responses';

/**
 * The HTTP face every route shares: cookies, response compression, ETag and 304 when
 * `http.conditionalGets`, helmet's security headers, and CORS for the configured origins only
 * (with credentials). Before `listen`, as each hooks the routes as they are added.
 */
export async function registerEdgePlugins(nest: NestFastifyApplication, config: GatewayConfig, http: GatewayHttpOptions): Promise<void> {
  await nest.register(fastifyCookie);
  await registerResponseCompression(nest);
  if (http.conditionalGets) addConditionalGets(nest.getHttpAdapter().getInstance());
  await nest.register(fastifyHelmet, HELMET_OPTIONS);
  await nest.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-csrf-token', 'x-request-id', 'idempotency-key', 'if-none-match', 'traceparent'],
    exposedHeaders: ['x-request-id', 'x-degraded', 'retry-after', 'etag', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
  });
}
