import type { GatewayConfig } from '@bff/config';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addConditionalGets } from '../http/http-caching';
import { registerResponseCompression } from '../http/response-compression';
import type { GatewayHttpOptions } from '../bootstrap/gateway.settings';
import { addSecurityHeaders } from './security.headers';

/**
 * The HTTP face every route shares: cookies, response compression, ETag and 304 when
 * `http.conditionalGets`, helmet's security headers (built once: `SECURITY_HEADERS`), and CORS for the configured origins only
 * (with credentials). Before `listen`, as each hooks the routes as they are added.
 */
export async function registerEdgePlugins(nest: NestFastifyApplication, config: GatewayConfig, http: GatewayHttpOptions): Promise<void> {
  await nest.register(fastifyCookie);
  await registerResponseCompression(nest);
  if (http.conditionalGets) addConditionalGets(nest.getHttpAdapter().getInstance());
  addSecurityHeaders(nest.getHttpAdapter().getInstance());
  await nest.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-csrf-token', 'x-request-id', 'idempotency-key', 'if-none-match', 'traceparent'],
    exposedHeaders: ['x-request-id', 'x-degraded', 'retry-after', 'etag', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
  });
}
