import type { DownstreamOutcome } from './downstream.telemetry';
import type { TraceContext } from './trace-context';

/** A client request the gateway has answered, as its SERVER span records it. */
export interface RequestSpanRecord {
  /** The request's trace position: the span takes its ids, and the caller's span as parent. */
  trace: TraceContext;
  method: string;
  /** The route pattern (`/api/orders/:id`), never the raw path; undefined when no route matched. */
  route?: string;
  status: number;
  requestId: string;
  /** The verified subject of the token, when the request had one. */
  userId?: string;
  /** What was left out of a partial answer (the `x-degraded` header), when anything was. */
  degraded?: string;
  /** Epoch milliseconds, fractional. */
  startedAt: number;
  endedAt: number;
}

/** One attempt at a downstream call, as its CLIENT span records it. */
export interface CallSpanStart {
  /** The request's `traceparent` (the gateway's span as parent); without one the call is not traced. */
  traceparent?: string;
  service: string;
  method: string;
  /** The path the service is sent, query included: the span keeps the path only. */
  path: string;
  /** 1 for the first try, 2 for the first retry... */
  attempt: number;
}

/** An attempt in flight: the header it carries, and how it is closed. */
export interface CallSpan {
  /** The `traceparent` the attempt sends: the same trace, this CLIENT span as the service's parent. */
  readonly traceparent: string;
  end(outcome: DownstreamOutcome, status?: number): void;
}

/**
 * Records the gateway's spans: one SERVER span per client request and one
 * CLIENT span per downstream call attempt, as children of the request's span.
 * `NoopRequestTracer` when no collector is configured (the default), the OTLP
 * exporter otherwise; see `createRequestTracer`. An abstract class rather than
 * an interface so that it can be injected by its own name.
 */
export abstract class RequestTracer {
  /**
   * False for the no-op tracer: callers check it once and then skip tracing
   * altogether, so that a gateway without a collector does no work per request.
   */
  abstract readonly enabled: boolean;
  abstract recordRequest(record: RequestSpanRecord): void;
  /** Undefined when the attempt is not traced; its `traceparent` must then be the request's own. */
  abstract startCall(call: CallSpanStart): CallSpan | undefined;
  /** Sends what is still buffered and stops; for the graceful shutdown. */
  abstract shutdown(): Promise<void>;
}

/** No collector configured: nothing is recorded, and the SDK is never loaded. */
export class NoopRequestTracer extends RequestTracer {
  readonly enabled = false;

  recordRequest(): void {
    // Nothing to record.
  }

  startCall(): undefined {
    return undefined;
  }

  async shutdown(): Promise<void> {
    // Nothing buffered.
  }
}

export interface RequestTracerOptions {
  /** `service.name` of every span: the app (`web-bff`, `mobile-bff`). */
  serviceName: string;
  /**
   * Base URL of an OTLP/HTTP collector (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<endpoint>/v1/traces`.
   * @default undefined (no export: the no-op tracer)
   */
  otlpEndpoint?: string;
  /** Where the exporter's own failures (collector unreachable, refused batches) are reported. */
  onExportError?: (message: string) => void;
}

/**
 * The no-op tracer without an endpoint; with one, the OpenTelemetry SDK,
 * loaded only then, exporting over OTLP/HTTP in batches.
 */
export async function createRequestTracer(options: RequestTracerOptions): Promise<RequestTracer> {
  if (!options.otlpEndpoint) return new NoopRequestTracer();
  const { OtlpRequestTracer } = await import('./otlp.request-tracer');
  return OtlpRequestTracer.exportingTo(options.otlpEndpoint, options);
}
