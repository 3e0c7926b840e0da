import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BatchSpanProcessor, InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { OtlpRequestTracer } from './otlp.request-tracer';
import type { RequestSpanRecord } from './request.tracer';
import { traceContextFrom, traceparentOf } from './trace-context';

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('OtlpRequestTracer', () => {
  let exporter: InMemorySpanExporter;
  let tracer: OtlpRequestTracer;

  beforeEach(() => {
    // The SDK's own in-memory exporter behind the same batch processor production uses.
    exporter = new InMemorySpanExporter();
    tracer = new OtlpRequestTracer('web-bff', new BatchSpanProcessor(exporter));
  });
  afterEach(() => tracer.shutdown());

  const exported = async (): Promise<ReadableSpan[]> => {
    await tracer.forceFlush();
    return exporter.getFinishedSpans();
  };

  // One instant for both ends, so the span lasts exactly 12.5 ms however the test is scheduled.
  const request = (overrides: Partial<RequestSpanRecord> = {}, endedAt = Date.now()): RequestSpanRecord => ({
    trace: traceContextFrom(`00-${CALLER_TRACE}-${CALLER_SPAN}-01`),
    method: 'GET',
    route: '/api/profile',
    status: 200,
    requestId: 'req-1',
    userId: 'u42',
    startedAt: endedAt - 12.5,
    endedAt,
    ...overrides,
  });

  it('records a request as a SERVER span with the ids the gateway propagates, under the caller’s span', async () => {
    const record = request({ degraded: 'recommendations' });
    tracer.recordRequest(record);

    const [span, ...others] = await exported();
    expect(others).toEqual([]);
    expect(span?.spanContext()).toEqual(expect.objectContaining({ traceId: CALLER_TRACE, spanId: record.trace.spanId }));
    expect(span?.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(span?.kind).toBe(SpanKind.SERVER);
    expect(span?.name).toBe('GET /api/profile');
    expect(span?.attributes).toEqual({
      'http.request.method': 'GET',
      'http.route': '/api/profile',
      'http.response.status_code': 200,
      'bff.request_id': 'req-1',
      'enduser.id': 'u42',
      'bff.degraded': 'recommendations',
    });
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    const [seconds = 0, nanos = 0] = span?.duration ?? [];
    expect(seconds * 1e3 + nanos / 1e6).toBeCloseTo(12.5, 3);
    expect(span?.resource.attributes['service.name']).toBe('web-bff');
  });

  it('starts no new trace of its own for a request without a caller: the gateway’s trace id and span are the root', async () => {
    const record = request({ trace: traceContextFrom(undefined), userId: undefined });
    tracer.recordRequest(record);

    const [span] = await exported();
    expect(span?.spanContext().traceId).toBe(record.trace.traceId);
    expect(span?.spanContext().spanId).toBe(record.trace.spanId);
    expect(span?.parentSpanContext).toBeUndefined();
    expect(span?.attributes['enduser.id']).toBeUndefined();
  });

  it('marks 5xx answers as errors, not 4xx, and names an unmatched request by its method alone', async () => {
    tracer.recordRequest(request({ status: 503 }));
    tracer.recordRequest(request({ status: 404, route: undefined }));

    const [failed, notFound] = await exported();
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed?.attributes['error.type']).toBe('503');
    expect(notFound?.status.code).toBe(SpanStatusCode.UNSET);
    expect(notFound?.name).toBe('GET');
    expect(notFound?.attributes['http.route']).toBeUndefined();
  });

  it('records each call attempt as a CLIENT span under the request’s span, and names that span in the call’s traceparent', async () => {
    const gateway = request().trace;
    const call = tracer.startCall({ traceparent: traceparentOf(gateway), service: 'order', method: 'GET', path: '/v1/orders?userId=u42&limit=5', attempt: 2 });
    expect(call?.traceparent).toMatch(new RegExp(`^00-${CALLER_TRACE}-[0-9a-f]{16}-01$`));
    call?.end('ok', 200);

    const [span] = await exported();
    expect(call?.traceparent).toBe(`00-${CALLER_TRACE}-${span?.spanContext().spanId}-01`);
    expect(span?.spanContext().spanId).not.toBe(gateway.spanId);
    expect(span?.parentSpanContext?.spanId).toBe(gateway.spanId);
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.name).toBe('GET order');
    expect(span?.attributes).toEqual({
      'peer.service': 'order',
      'http.request.method': 'GET',
      'url.path': '/v1/orders',
      'http.response.status_code': 200,
      'http.request.resend_count': 1,
      'bff.outcome': 'ok',
      'bff.attempt': 2,
    });
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it.each([
    ['5xx', 503, '503'],
    ['4xx', 404, '404'],
    ['timeout', undefined, 'timeout'],
    ['circuit_open', undefined, 'circuit_open'],
  ] as const)('marks a call attempt that ended %s as an error (error.type %s)', async (outcome, status, errorType) => {
    tracer.startCall({ traceparent: traceparentOf(request().trace), service: 'user', method: 'GET', path: '/users/u42', attempt: 1 })?.end(outcome, status);

    const [span] = await exported();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe(errorType);
    expect(span?.attributes['bff.outcome']).toBe(outcome);
    expect(span?.attributes['http.response.status_code']).toBe(status);
  });

  it('records nothing for a caller that did not sample its trace, and passes its decision on', async () => {
    const unsampled = traceContextFrom(`00-${CALLER_TRACE}-${CALLER_SPAN}-00`);
    tracer.recordRequest(request({ trace: unsampled }));
    const call = tracer.startCall({ traceparent: traceparentOf(unsampled), service: 'user', method: 'GET', path: '/users/u42', attempt: 1 });
    call?.end('ok', 200);

    expect(call?.traceparent).toMatch(/-00$/);
    expect(await exported()).toEqual([]);
  });

  it('does not trace a call made outside a request', () => {
    expect(tracer.startCall({ service: 'user', method: 'GET', path: '/users/u42', attempt: 1 })).toBeUndefined();
  });
});
