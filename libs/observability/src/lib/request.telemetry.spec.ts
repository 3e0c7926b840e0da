import Fastify, { type FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import pino from 'pino';
import { GatewayMetrics } from './gateway.metrics';
import { registerRequestTelemetry, traceOf } from './request.telemetry';
import { type CallSpan, type RequestSpanRecord, RequestTracer } from './request.tracer';

/** A tracer that keeps the SERVER spans it is given, as an exporter would send them. */
class RecordingTracer extends RequestTracer {
  readonly enabled = true;
  readonly requests: RequestSpanRecord[] = [];

  recordRequest(record: RequestSpanRecord): void {
    this.requests.push(record);
  }

  startCall(): CallSpan | undefined {
    return undefined;
  }

  async shutdown(): Promise<void> {
    // Nothing buffered.
  }
}

describe('registerRequestTelemetry', () => {
  const caller = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
  let fastify: FastifyInstance;
  let lines: Array<Record<string, unknown>>;
  let metrics: GatewayMetrics;
  let tracer: RecordingTracer;

  beforeEach(async () => {
    lines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        callback();
      },
    });
    metrics = new GatewayMetrics('spec-bff');
    tracer = new RecordingTracer();
    fastify = Fastify();
    registerRequestTelemetry(fastify, { app: 'spec-bff', logger: pino(sink), metrics, tracer });
    fastify.addHook('preHandler', (request, _reply, done) => {
      (request as typeof request & { user?: { sub: string } }).user = { sub: 'u42' };
      done();
    });
    fastify.get('/api/orders/:id', (request, reply) => {
      void reply.header('x-degraded', 'recommendations');
      return { traceId: traceOf(request)?.traceId };
    });
    await fastify.ready();
  });
  afterEach(() => fastify.close());

  it('continues the caller’s trace, and writes one request line, one metric and one SERVER span per answer', async () => {
    const response = await fastify.inject({ method: 'GET', url: '/api/orders/o42-1', headers: { traceparent: caller, 'x-request-id': 'r-1' } });

    expect(response.json()).toEqual({ traceId: 'a'.repeat(32) });
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request',
        method: 'GET',
        route: '/api/orders/:id',
        status: 200,
        sub: 'u42',
        client: 'spec-bff',
        degraded: 'recommendations',
        traceId: 'a'.repeat(32),
        durationMs: expect.any(Number),
      }),
    ]);
    const histogram = await metrics.requestDuration.get();
    const count = histogram.values.find((value) => value.metricName === 'bff_http_request_duration_seconds_count');
    expect(count).toMatchObject({ value: 1, labels: { route: '/api/orders/:id', method: 'GET', status: '200' } });
    expect(tracer.requests).toEqual([
      expect.objectContaining({ method: 'GET', route: '/api/orders/:id', status: 200, userId: 'u42', degraded: 'recommendations', trace: expect.objectContaining({ traceId: 'a'.repeat(32), parentSpanId: 'b'.repeat(16) }) }),
    ]);
  });

  it('records an answer no route matched under "unmatched", without a route in its span', async () => {
    const response = await fastify.inject({ method: 'GET', url: '/nowhere' });

    expect(response.statusCode).toBe(404);
    expect(lines).toEqual([expect.objectContaining({ route: 'unmatched', status: 404 })]);
    expect(tracer.requests).toEqual([expect.objectContaining({ route: undefined, status: 404 })]);
  });
});
