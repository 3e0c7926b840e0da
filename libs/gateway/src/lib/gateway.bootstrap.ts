import { listenOrExit, loadConfigOrExit } from '@bff/app-process';
import { type Env, type GatewayAppName, type GatewayConfig, loadGatewayConfig } from '@bff/config';
import {
  createGatewayLogger,
  createRequestTracer,
  DownstreamTelemetry,
  flatLineLogger,
  GatewayMetrics,
  type RequestTracer,
  type TraceContext,
  traceContextFrom,
} from '@bff/observability';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import { type DynamicModule, Module, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { addDegradedHeader } from './degraded-header.hook';
import { announceGateway, isClusterPrimary, runClusterPrimary, serveGatewayMetrics } from './gateway.cluster';
import { GatewayObservabilityModule } from './gateway-observability.module';
import type { GatewayHttpOptions } from './gateway-http.options';
import { GatewayLifecycle } from './gateway.lifecycle';
import { serveOpenApiDocs } from './gateway.openapi';
import { addConditionalGets } from './http-caching';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import { registerResponseCompression } from './response-compression';

/** The most a client may send in one body. */
const BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * How long the drain waits for buffered spans to reach the collector. A healthy collector takes
 * milliseconds; one that is down (the exporter retries for seconds) must not hold the exit up.
 */
const TRACE_FLUSH_MS = 2_000;

@Module({})
class GatewayRootModule {}

/**
 * Starts a BFF: configuration validated first (one line and exit 1 on a bad
 * variable); pino logs (one JSON line per request) and Prometheus metrics on
 * METRICS_PORT; Fastify trusting only the configured proxies, security headers
 * (helmet), CORS for the configured origins only (with credentials); on every
 * request an id (echoed), a deadline and a W3C trace context, exported as
 * OpenTelemetry spans when OTEL_EXPORTER_OTLP_ENDPOINT is set; routes under
 * `/api` (health outside it), versioned `/api/v1/...` when `http.uriVersioning`;
 * responses over 1 KiB compressed (br or gzip) when the client accepts it; ETag
 * and 304 on GETs when `http.conditionalGets`; graceful shutdown on SIGTERM; the
 * ready line.
 */
export async function bootstrapGateway(
  app: GatewayAppName,
  rootModule: (config: GatewayConfig) => DynamicModule,
  env: Env,
  http: GatewayHttpOptions = {},
): Promise<NestFastifyApplication> {
  const config = loadConfigOrExit(() => loadGatewayConfig(app, env));
  // CLUSTER_WORKERS > 1: this process only starts and watches the workers, which each run the rest.
  if (isClusterPrimary(config)) return runClusterPrimary(app, config);
  const logger = createGatewayLogger({ app, level: config.operations.logLevel, pretty: config.environment === 'development' });
  const metrics = new GatewayMetrics(app);
  const lifecycle = new GatewayLifecycle();
  const { otlpEndpoint } = config.operations;
  const tracer = await createRequestTracer({
    serviceName: app,
    otlpEndpoint,
    onExportError: (message) => logger.warn({ otlpEndpoint }, `trace export: ${message}`),
  });
  // Decided once: without a collector the hooks below do no tracing work at all.
  const tracing = tracer.enabled;
  if (tracing) logger.info({ otlpEndpoint }, 'exporting traces over OTLP/HTTP');

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
  fastify.decorateRequest('trace', null);
  const { deadlineMs } = config.resilience;
  fastify.addHook('onRequest', (request, reply, done) => {
    const scoped = request as unknown as { deadlineAt: number; trace: TraceContext };
    // The request's whole budget starts when it arrives; every downstream call draws on what is left.
    scoped.deadlineAt = Date.now() + deadlineMs;
    scoped.trace = traceContextFrom(request.headers.traceparent);
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onSend', (_request, reply, _payload, done) => {
    // While draining, every answer closes its connection, so keep-alive sockets do not hold the exit up.
    if (lifecycle.shuttingDown) void reply.header('connection', 'close');
    done();
  });
  addDegradedHeader(fastify);
  const requestLines = flatLineLogger(logger);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.requestDuration.observe({ route, method: request.method, status: String(status) }, reply.elapsedTime / 1000);
    const { user, trace } = request as unknown as { user?: { sub: string }; trace?: TraceContext };
    const degraded = reply.getHeader('x-degraded');
    requestLines.info(
      {
        reqId: request.id,
        method: request.method,
        route,
        status,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        sub: user?.sub,
        client: app,
        degraded,
        traceId: trace?.traceId,
      },
      'request',
    );
    if (tracing && trace) {
      const endedAt = performance.timeOrigin + performance.now();
      tracer.recordRequest({
        trace,
        method: request.method,
        route: request.routeOptions.url,
        status,
        requestId: request.id,
        userId: user?.sub,
        degraded: typeof degraded === 'string' ? degraded : undefined,
        startedAt: endedAt - reply.elapsedTime,
        endedAt,
      });
    }
    done();
  });

  const observability = { logger, metrics, lifecycle, tracer, telemetry: new DownstreamTelemetry(metrics, logger) };
  const root: DynamicModule = {
    module: GatewayRootModule,
    imports: [
      GatewayObservabilityModule.forRoot(observability),
      // Nest's own log lines go through the same pino logger; request lines come from the hook above.
      LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] }),
      rootModule(config),
    ],
  };
  const nest = await NestFactory.create<NestFastifyApplication>(root, adapter, { bufferLogs: true });
  nest.useLogger(nest.get(Logger));
  await nest.register(fastifyCookie);
  await registerResponseCompression(nest);
  if (http.conditionalGets) addConditionalGets(fastify);
  // An API, not pages: the strict defaults (no framing, no sniffing, no referrer) and no CSP, which is for documents.
  await nest.register(fastifyHelmet, { contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'same-site' } });
  await nest.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-csrf-token', 'x-request-id', 'idempotency-key', 'if-none-match', 'traceparent'],
    exposedHeaders: ['x-request-id', 'x-degraded', 'retry-after', 'etag', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
  });
  nest.setGlobalPrefix('api', { exclude: ['health', 'health/live', 'health/ready'] });
  if (http.uriVersioning) nest.enableVersioning({ type: VersioningType.URI });
  serveOpenApiDocs(nest, app, http);
  await listenOrExit('PORT', config.port, () => nest.listen(config.port, config.host));
  // In a cluster worker, the primary serves the metrics and prints the ready line for all workers.
  const metricsEndpoint = await serveGatewayMetrics(metrics.registry, config);
  drainOnSignals(nest, lifecycle, config.operations.shutdownGraceMs, () => metricsEndpoint.close(), tracer, logger);
  announceGateway(app, nest.getHttpServer().address() as AddressInfo, metricsEndpoint.url);
  return nest;
}

/**
 * SIGTERM (or SIGINT): readiness turns false at once, the server stops taking
 * connections, requests in flight finish (up to `graceMs`), idle keep-alive
 * sockets close, the spans still buffered are exported (for at most
 * TRACE_FLUSH_MS, within the same grace), then the process exits 0.
 */
function drainOnSignals(
  nest: NestFastifyApplication,
  lifecycle: GatewayLifecycle,
  graceMs: number,
  closeMetrics: () => void,
  tracer: RequestTracer,
  logger: { info(message: string): void; warn(message: string): void },
): void {
  const drain = async (signal: NodeJS.Signals) => {
    if (lifecycle.shuttingDown) return;
    lifecycle.beginShutdown();
    logger.info(`${signal}: draining in-flight requests (up to ${graceMs} ms)`);
    const deadline = setTimeout(() => {
      logger.warn(`shutdown grace of ${graceMs} ms is over; exiting with requests still in flight`);
      process.exit(0);
    }, graceMs);
    deadline.unref();
    await nest.close();
    closeMetrics();
    // Failures are reported through the exporter's own error handler.
    await Promise.race([tracer.shutdown().catch(() => undefined), sleep(TRACE_FLUSH_MS, undefined, { ref: false })]);
    clearTimeout(deadline);
    logger.info('drained; exiting');
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void drain(signal));
  process.once('SIGINT', (signal) => void drain(signal));
}
