import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { flatLineLogger } from './gateway.logger';
import type { GatewayMetrics } from './gateway.metrics';
import type { RequestTracer } from './request.tracer';
import { type TraceContext, traceContextFrom } from './trace-context';

export interface RequestTelemetryOptions {
  /** The `client` field of every request line: the app (`web-bff`). */
  app: string;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Records the SERVER span; the no-op tracer (the default without a collector) costs nothing per request. */
  tracer: RequestTracer;
  /**
   * The response header that lists what a partial answer left out, copied into the line and the span.
   * @default 'x-degraded'
   */
  degradedHeader?: string;
}

/** What the hooks read off a request besides Fastify's own fields. */
type TelemetryRequest = FastifyRequest & { trace?: TraceContext | null; user?: { sub?: string } };

/** The request's W3C trace position, set when it arrived; undefined before `registerRequestTelemetry` ran for it. */
export function traceOf(request: FastifyRequest): TraceContext | undefined {
  return (request as TelemetryRequest).trace ?? undefined;
}

/**
 * Request telemetry as one unit, on a gateway's Fastify instance: when a request arrives, its trace
 * context (the caller's `traceparent` continued, or a new trace; see `traceOf`); when its answer
 * has gone out, the request's metric (`bff_http_request_duration_seconds` by route pattern,
 * method and status), its one `request` log line (request id, method, route, status, duration,
 * verified subject, what was degraded, trace id) and, with a collector, its SERVER span.
 *
 * Plain hooks on the root instance rather than an encapsulated plugin, so that they see every
 * route, the 404 handler's included. Call before the routes are registered (before `listen`).
 */
export function registerRequestTelemetry(fastify: FastifyInstance, options: RequestTelemetryOptions): void {
  const { app, metrics, tracer } = options;
  const degradedHeader = options.degradedHeader ?? 'x-degraded';
  const requestLines = flatLineLogger(options.logger);
  // Decided once: without a collector no request does any tracing work at all.
  const tracing = tracer.enabled;

  fastify.decorateRequest('trace', null);
  fastify.addHook('onRequest', (request, _reply, done) => {
    (request as TelemetryRequest).trace = traceContextFrom(request.headers.traceparent);
    done();
  });
  fastify.addHook('onResponse', (request: TelemetryRequest, reply: FastifyReply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.requestDuration.observe({ route, method: request.method, status: String(status) }, reply.elapsedTime / 1000);
    const trace = request.trace ?? undefined;
    const degraded = reply.getHeader(degradedHeader);
    const userId = request.user?.sub;
    requestLines.info(
      {
        reqId: request.id,
        method: request.method,
        route,
        status,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        sub: userId,
        client: app,
        degraded: typeof degraded === 'string' ? degraded : undefined,
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
        userId,
        degraded: typeof degraded === 'string' ? degraded : undefined,
        startedAt: endedAt - reply.elapsedTime,
        endedAt,
      });
    }
    done();
  });
}
