import { announceReady, loadConfigOrExit } from '@bff/app-process';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import { type Env, type GatewayAppName, type GatewayConfig, loadGatewayConfig } from '@bff/config';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';

/** The most a client may send in one body. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Starts a BFF: configuration validated first (one line and exit 1 on a bad
 * variable), Fastify trusting only the configured proxies, security headers (helmet), CORS for
 * the configured origins only (with credentials), a request id on every response,
 * routes under `/api` (health outside it), shutdown hooks, and the ready line.
 */
export async function bootstrapGateway(
  app: GatewayAppName,
  rootModule: (config: GatewayConfig) => DynamicModule,
  env: Env,
): Promise<NestFastifyApplication> {
  const config = loadConfigOrExit(() => loadGatewayConfig(app, env));
  const adapter = new FastifyAdapter({
    logger: false,
    // The client address is the socket's unless TRUST_PROXY names the proxies in front of us;
    // a client-written X-Forwarded-For is never believed on its own.
    trustProxy: config.trustProxy ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
  });
  const fastify = adapter.getInstance();
  fastify.decorateRequest('deadlineAt', 0);
  const { deadlineMs } = config.resilience;
  fastify.addHook('onRequest', (request, reply, done) => {
    // The request's whole budget starts when it arrives; every downstream call draws on what is left.
    (request as unknown as { deadlineAt: number }).deadlineAt = Date.now() + deadlineMs;
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  const nest = await NestFactory.create<NestFastifyApplication>(rootModule(config), adapter, {
    logger: config.environment === 'test' ? ['error', 'warn'] : ['error', 'warn', 'log'],
  });
  await nest.register(fastifyCookie);
  // An API, not pages: the strict defaults (no framing, no sniffing, no referrer) and no CSP, which is for documents.
  await nest.register(fastifyHelmet, { contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'same-site' } });
  await nest.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-csrf-token', 'x-request-id', 'idempotency-key', 'if-none-match'],
    exposedHeaders: ['x-request-id', 'x-degraded', 'retry-after', 'etag', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
  });
  nest.setGlobalPrefix('api', { exclude: ['health'] });
  nest.enableShutdownHooks();
  await nest.listen(config.port, config.host);
  announceReady(app, nest.getHttpServer().address() as AddressInfo);
  return nest;
}
