import { type Attributes, type Context, diag, DiagLogLevel, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  type IdGenerator,
  ParentBasedSampler,
  RandomIdGenerator,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVICE_NAME,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import type { DownstreamOutcome } from './downstream.telemetry';
import { type CallSpan, type CallSpanStart, RequestTracer, type RequestSpanRecord, type RequestTracerOptions } from './request.tracer';
import { type TraceContext, traceContextFrom, traceparentOf } from './trace-context';

/**
 * Attributes not in the stable semantic conventions (their constants live in the package's unstable
 * entry point, which may change in any minor release), and the gateway's own.
 */
export const SPAN_ATTRIBUTES = {
  /** The verified subject of the token. */
  endUserId: 'enduser.id',
  /** The downstream service a CLIENT span called (user, order, catalog...). */
  peerService: 'peer.service',
  requestId: 'bff.request_id',
  /** Which parts of a partial answer were left out. */
  degraded: 'bff.degraded',
  /** ok, 4xx, 5xx, timeout, unreachable, circuit_open, invalid: as in the metrics and log lines. */
  outcome: 'bff.outcome',
  /** 1 for the first try, 2 for the first retry... */
  attempt: 'bff.attempt',
} as const;

/**
 * The SDK draws a new span's ids from its IdGenerator. The gateway has already
 * chosen them (and sent them downstream in `traceparent`), so for the one
 * synchronous `startSpan` call that records a span, this hands them over.
 */
class PresetIdGenerator implements IdGenerator {
  private preset: { traceId: string; spanId: string } | undefined;
  private readonly random = new RandomIdGenerator();

  with<T>(ids: { traceId: string; spanId: string }, start: () => T): T {
    this.preset = ids;
    try {
      return start();
    } finally {
      this.preset = undefined;
    }
  }

  generateTraceId(): string {
    return this.preset?.traceId ?? this.random.generateTraceId();
  }

  generateSpanId(): string {
    return this.preset?.spanId ?? this.random.generateSpanId();
  }
}

const now = () => performance.timeOrigin + performance.now();

/** A context whose current span is `spanId` of `trace`: the parent of the span started in it. */
function parentContext(position: TraceContext, spanId: string, isRemote: boolean): Context {
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: position.traceId, spanId, traceFlags: parseInt(position.flags, 16), isRemote });
}

/**
 * Traces with the OpenTelemetry SDK: spans are recorded with the ids the
 * gateway already propagates (`request.trace`), batched (BatchSpanProcessor),
 * and exported. Sampling follows the caller: a `traceparent` whose sampled flag
 * is off is not recorded (nor are its calls); every request without one is.
 * Spans are recorded when they end, so none is ever left open.
 */
export class OtlpRequestTracer extends RequestTracer {
  readonly enabled = true;
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;
  private readonly ids = new PresetIdGenerator();

  /** Spans to `<endpoint>/v1/traces` as OTLP/HTTP JSON. */
  static exportingTo(endpoint: string, options: RequestTracerOptions): OtlpRequestTracer {
    if (options.onExportError) {
      const report = (message: string) => options.onExportError?.(errorMessageOf(message));
      // The SDK reports failed exports through its diagnostic logger, silent unless one is set.
      diag.setLogger({ error: report, warn: report, info: () => undefined, debug: () => undefined, verbose: () => undefined }, DiagLogLevel.WARN);
    }
    const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
    return new OtlpRequestTracer(options.serviceName, new BatchSpanProcessor(exporter));
  }

  /** With any span processor: `exportingTo` uses a BatchSpanProcessor over the OTLP exporter. */
  constructor(serviceName: string, processor: SpanProcessor) {
    super();
    this.provider = new BasicTracerProvider({
      resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName })),
      idGenerator: this.ids,
      // The caller's sampled flag decides, whatever OTEL_TRACES_SAMPLER says: the flag the gateway
      // passes downstream is the caller's, so recording must agree with it.
      sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
      spanProcessors: [processor],
    });
    this.tracer = this.provider.getTracer('@bff/observability');
  }

  recordRequest(record: RequestSpanRecord): void {
    const { trace: position } = record;
    const parent = position.parentSpanId ? parentContext(position, position.parentSpanId, true) : ROOT_CONTEXT;
    const span = this.ids.with(position, () =>
      this.tracer.startSpan(
        record.route ? `${record.method} ${record.route}` : record.method,
        { kind: SpanKind.SERVER, startTime: record.startedAt, attributes: requestAttributes(record) },
        parent,
      ),
    );
    // A 4xx is the client's doing, not the gateway failing (HTTP semantic conventions for SERVER spans).
    if (record.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(record.endedAt);
  }

  startCall(call: CallSpanStart): CallSpan | undefined {
    if (!call.traceparent) return undefined;
    // The request's traceparent names the gateway's span: continued, it gives this attempt a span id
    // of its own under it, which the service is told is its parent.
    const position = traceContextFrom(call.traceparent);
    if (!position.parentSpanId) return undefined;
    const parent = parentContext(position, position.parentSpanId, false);
    const startedAt = now();
    return {
      traceparent: traceparentOf(position),
      end: (outcome, status) => {
        const span = this.ids.with(position, () =>
          this.tracer.startSpan(`${call.method} ${call.service}`, { kind: SpanKind.CLIENT, startTime: startedAt, attributes: callAttributes(call, outcome, status) }, parent),
        );
        // Every failed attempt, 4xx included (HTTP semantic conventions for CLIENT spans).
        if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR });
        span.end(now());
      },
    };
  }

  /** Exports what is buffered now (tests; shutdown does it too). */
  forceFlush(): Promise<void> {
    return this.provider.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

/** The SDK hands over a failed export's error serialized as JSON, stack included: its message is enough. */
function errorMessageOf(diagnostic: string): string {
  try {
    const parsed: unknown = JSON.parse(diagnostic);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: a plain message.
  }
  return diagnostic;
}

function requestAttributes(record: RequestSpanRecord): Attributes {
  const attributes: Attributes = {
    [ATTR_HTTP_REQUEST_METHOD]: record.method,
    [ATTR_HTTP_RESPONSE_STATUS_CODE]: record.status,
    [SPAN_ATTRIBUTES.requestId]: record.requestId,
  };
  if (record.route) attributes[ATTR_HTTP_ROUTE] = record.route;
  if (record.userId) attributes[SPAN_ATTRIBUTES.endUserId] = record.userId;
  if (record.degraded) attributes[SPAN_ATTRIBUTES.degraded] = record.degraded;
  if (record.status >= 500) attributes[ATTR_ERROR_TYPE] = String(record.status);
  return attributes;
}

function callAttributes(call: CallSpanStart, outcome: DownstreamOutcome, status: number | undefined): Attributes {
  const attributes: Attributes = {
    [SPAN_ATTRIBUTES.peerService]: call.service,
    [ATTR_HTTP_REQUEST_METHOD]: call.method,
    // Without the query: it carries lists of ids and filters that the span's name and path do not need,
    // and spans leave the gateway for whatever stores them.
    [ATTR_URL_PATH]: call.path.split('?', 1)[0] ?? call.path,
    [SPAN_ATTRIBUTES.outcome]: outcome,
    [SPAN_ATTRIBUTES.attempt]: call.attempt,
  };
  if (call.attempt > 1) attributes[ATTR_HTTP_REQUEST_RESEND_COUNT] = call.attempt - 1;
  if (status !== undefined) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = status;
  if (outcome !== 'ok') attributes[ATTR_ERROR_TYPE] = status !== undefined && status >= 400 ? String(status) : outcome;
  return attributes;
}
