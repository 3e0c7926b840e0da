import type { DownstreamServiceName } from '@bff/config';
import { type CallSpan, type DownstreamOutcome, DownstreamTelemetry, RequestTracer } from '@bff/observability';
import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { z } from 'zod';
import type { DownstreamCallContext } from './downstream-call.context';
import {
  DownstreamCircuitOpenError,
  DownstreamContractError,
  DownstreamError,
  DownstreamNotFoundError,
  DownstreamTimeoutError,
  DownstreamUnavailableError,
} from './downstream.errors';
import { SERVICE_CLIENTS_OPTIONS, type ServiceClientsOptions } from './service-clients.options';

export interface DownstreamCall<T> {
  service: DownstreamServiceName;
  /** @default 'GET' */
  method?: 'GET' | 'POST' | 'PATCH';
  /** Path and query, already encoded. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Makes a POST safe to retry: the service applies a key once (`Idempotency-Key`). */
  idempotencyKey?: string;
  /** The contract's schema; a body that does not match is a DownstreamContractError. */
  schema: z.ZodType<T>;
  /** What a 404 means, for the client's message ("user"); omit when 404 breaks the contract. */
  notFound?: string;
  /** Other 4xx answers the call expects, each turned into the named error it means. */
  rejections?: Partial<Record<number, () => Error>>;
  context?: DownstreamCallContext;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Open connections kept per service; calls beyond it queue. Sized for the
 * fan-out of many concurrent screens (3-4 calls each), not for one.
 */
const CONNECTIONS_PER_SERVICE = 256;
/** A retry is not worth starting with less time than this left. */
const MIN_ATTEMPT_MS = 20;
const RETRYABLE_STATUSES = new Set([502, 503, 504]);
/** The answers that carry the body the contract describes: 200, and 201 for what a POST created. */
const SUCCESS_STATUSES = new Set([200, 201]);

/** One service's connection pool and circuit breaker, shared by DownstreamHttp and DownstreamForwarder. */
export interface Upstream {
  pool: Pool;
  /** The base URL's path (e.g. `/v1`), prefixed to every call's path. */
  basePath: string;
  breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
}

/**
 * The one place that talks HTTP to the services behind the gateway. Every call
 * gets a timeout bounded by the request's deadline, the request id and the
 * caller's identity, retries when it is safe and useful, a circuit breaker per
 * service, a parsed and typed body, and a named error on failure. Identical
 * GETs of one request run once. Each attempt is measured and logged
 * (`DownstreamTelemetry`) and, when traces are exported (`RequestTracer`),
 * recorded as a CLIENT span. Only the typed clients of this lib use it.
 *
 * Transport: one undici keep-alive pool per service. @nestjs/axios was the
 * first choice; under the benchmark axios and node:http's client took over a
 * fifth of web-bff's CPU (see the README's performance section), so the
 * transport is undici, behind this one class.
 */
@Injectable()
export class DownstreamHttp implements OnApplicationShutdown {
  private readonly logger = new Logger('Downstream');
  private readonly upstreams: Record<DownstreamServiceName, Upstream>;
  private readonly timeoutMs: number;
  private readonly retry: { max: number; baseDelayMs: number };
  /** Set only when spans are exported: without a collector a call pays one undefined check. */
  private readonly tracer?: RequestTracer;

  constructor(
    @Inject(SERVICE_CLIENTS_OPTIONS) options: ServiceClientsOptions,
    @Optional() private readonly telemetry?: DownstreamTelemetry,
    @Optional() tracer?: RequestTracer,
  ) {
    this.tracer = tracer?.enabled ? tracer : undefined;
    this.timeoutMs = options.timeoutMs;
    this.retry = options.retry ?? { max: 2, baseDelayMs: 50 };
    const circuit = options.circuit ?? { errorThresholdPercent: 50, volumeThreshold: 10, windowMs: 10_000, resetMs: 5_000 };
    const upstream = (service: DownstreamServiceName): Upstream => {
      const url = new URL(options.baseUrls[service]);
      const breaker = new CircuitBreaker((send: () => Promise<unknown>) => send(), {
        timeout: false, // each call has its own deadline-bounded timeout
        errorThresholdPercentage: circuit.errorThresholdPercent,
        volumeThreshold: circuit.volumeThreshold,
        rollingCountTimeout: circuit.windowMs,
        rollingCountBuckets: 10,
        resetTimeout: circuit.resetMs,
        // Nothing reads latency percentiles or snapshots: without them opossum keeps no list of
        // every call's latency, sorts none on each failure, and computes no stats every second.
        rollingPercentilesEnabled: false,
        enableSnapshots: false,
        // Answers the service meant (404, 400, a refused password) are not the service failing.
        errorFilter: (error: unknown) => !countsAsFailure(error),
      });
      breaker.on('open', () => {
        this.logger.warn(`circuit open: ${service} service failing; calls fail fast for ${circuit.resetMs} ms`);
        this.telemetry?.circuit(service, 'open');
      });
      breaker.on('halfOpen', () => {
        this.logger.log(`circuit half-open: probing the ${service} service`);
        this.telemetry?.circuit(service, 'half-open');
      });
      breaker.on('close', () => {
        this.logger.log(`circuit closed: ${service} service answering again`);
        this.telemetry?.circuit(service, 'closed');
      });
      this.telemetry?.circuit(service, 'closed');
      return {
        pool: new Pool(url.origin, { connections: CONNECTIONS_PER_SERVICE, keepAliveTimeout: 60_000 }),
        basePath: url.pathname.replace(/\/+$/, ''),
        breaker,
      };
    };
    this.upstreams = {
      user: upstream('user'),
      order: upstream('order'),
      catalog: upstream('catalog'),
      recommendation: upstream('recommendation'),
      identity: upstream('identity'),
    };
  }

  get<T>(call: Omit<DownstreamCall<T>, 'method' | 'body' | 'idempotencyKey'>): Promise<T> {
    const inflight = call.context?.inflight;
    if (!inflight) return this.withRetries(call);
    const key = `${call.service} ${call.path}`;
    const shared = inflight.get(key) as Promise<T> | undefined;
    if (shared) return shared;
    const pending = this.withRetries(call);
    inflight.set(key, pending);
    return pending;
  }

  /** Retried only with an `idempotencyKey`: a POST without one may have been applied before it failed. */
  post<T>(call: Omit<DownstreamCall<T>, 'method'>): Promise<T> {
    return this.withRetries({ ...call, method: 'POST' });
  }

  /** Never retried: the gateway cannot know whether a failed attempt was applied. */
  patch<T>(call: Omit<DownstreamCall<T>, 'method' | 'idempotencyKey'>): Promise<T> {
    return this.withRetries({ ...call, method: 'PATCH' });
  }

  /** A service's pool and circuit breaker, for DownstreamForwarder, which streams a pass-through call instead of parsing it. */
  upstreamOf(service: DownstreamServiceName): Upstream {
    return this.upstreams[service];
  }

  /** Each service's circuit, for health checks. */
  circuitStates(): Record<DownstreamServiceName, CircuitState> {
    const stateOf = ({ breaker }: Upstream): CircuitState => (breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed');
    return {
      user: stateOf(this.upstreams.user),
      order: stateOf(this.upstreams.order),
      catalog: stateOf(this.upstreams.catalog),
      recommendation: stateOf(this.upstreams.recommendation),
      identity: stateOf(this.upstreams.identity),
    };
  }

  /** After the server has stopped and in-flight requests are done: they still need the pools until then. */
  async onApplicationShutdown(): Promise<void> {
    for (const { breaker } of Object.values(this.upstreams)) breaker.shutdown();
    await Promise.all(Object.values(this.upstreams).map(({ pool }) => pool.close()));
  }

  private async withRetries<T>(call: DownstreamCall<T>): Promise<T> {
    const idempotent = (call.method ?? 'GET') === 'GET' || call.idempotencyKey !== undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.guarded(call, attempt);
      } catch (error) {
        if (!idempotent || attempt > this.retry.max || !worthRetrying(error)) throw error;
        // Exponential backoff with jitter, so that retries from many requests do not arrive together.
        const delayMs = this.retry.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() * 0.5);
        if (this.timeLeft(call) < delayMs + MIN_ATTEMPT_MS) throw error;
        await sleep(delayMs);
      }
    }
  }

  private async guarded<T>(call: DownstreamCall<T>, attempt: number): Promise<T> {
    const { breaker, basePath } = this.upstreams[call.service];
    const started = performance.now();
    // One CLIENT span per attempt; the attempt's traceparent then names it as the service's parent.
    const span = this.tracer?.startCall({
      traceparent: call.context?.traceparent,
      service: call.service,
      method: call.method ?? 'GET',
      path: `${basePath}${call.path}`,
      attempt,
    });
    try {
      const value = (await breaker.fire(() => this.send(call, span))) as T;
      this.record(call, attempt, started, span, 'ok', 200);
      return value;
    } catch (error) {
      if (breaker.opened && (error as { code?: unknown }).code === 'EOPENBREAKER') {
        this.record(call, attempt, started, span, 'circuit_open');
        throw new DownstreamCircuitOpenError(call.service);
      }
      const [outcome, status] = outcomeOf(error);
      this.record(call, attempt, started, span, outcome, status);
      throw error;
    }
  }

  private record(call: DownstreamCall<unknown>, attempt: number, started: number, span: CallSpan | undefined, outcome: DownstreamOutcome, status?: number): void {
    this.telemetry?.record({ service: call.service, outcome, status, durationMs: performance.now() - started, attempt, requestId: call.context?.requestId });
    span?.end(outcome, status);
  }

  private async send<T>(call: DownstreamCall<T>, span: CallSpan | undefined): Promise<T> {
    const { service } = call;
    const { pool, basePath } = this.upstreams[service];
    const timeoutMs = Math.min(this.timeoutMs, this.timeLeft(call));
    if (timeoutMs <= 0) throw new DownstreamTimeoutError(service, 0, 'deadline');
    const signal = new CallTimeout(timeoutMs);
    let status: number;
    let data: unknown;
    try {
      const response = await pool.request({
        method: call.method ?? 'GET',
        path: `${basePath}${call.path}`,
        headers: this.headersFor(call, timeoutMs, span),
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal,
      });
      status = response.statusCode;
      if (SUCCESS_STATUSES.has(status)) data = await response.body.json();
      else await response.body.dump();
    } catch (error) {
      throw this.transportFailure(service, signal.aborted, timeoutMs, error);
    } finally {
      signal.clear();
    }
    return this.parse(call, status, data);
  }

  private timeLeft(call: DownstreamCall<unknown>): number {
    const deadlineAt = call.context?.deadlineAt;
    return deadlineAt === undefined ? Number.POSITIVE_INFINITY : deadlineAt - Date.now();
  }

  /** Only what the gateway itself vouches for: nothing the client sent is passed on by default. */
  private headersFor(call: DownstreamCall<unknown>, timeoutMs: number, span: CallSpan | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'x-deadline-ms': String(Math.floor(timeoutMs)) };
    const { context } = call;
    if (context?.requestId) headers['x-request-id'] = context.requestId;
    const traceparent = span?.traceparent ?? context?.traceparent;
    if (traceparent) headers['traceparent'] = traceparent;
    if (context?.userId) headers['x-user-id'] = context.userId;
    if (context?.accessToken) headers['authorization'] = `Bearer ${context.accessToken}`;
    if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }

  private parse<T>(call: DownstreamCall<T>, status: number, data: unknown): T {
    if (status === 404 && call.notFound) throw new DownstreamNotFoundError(call.service, call.notFound);
    const rejection = call.rejections?.[status];
    if (rejection) throw rejection();
    if (status >= 500) throw new DownstreamUnavailableError(call.service, status);
    if (!SUCCESS_STATUSES.has(status)) throw new DownstreamContractError(call.service, `unexpected status ${status}`, status);
    const parsed = call.schema.safeParse(data);
    if (!parsed.success) throw new DownstreamContractError(call.service, 'unexpected response body');
    return parsed.data;
  }

  private transportFailure(service: DownstreamServiceName, timedOut: boolean, timeoutMs: number, error: unknown): DownstreamError {
    if (timedOut) return new DownstreamTimeoutError(service, timeoutMs);
    // A 200 whose body is not JSON breaks the contract; anything else is a connection that failed.
    if (error instanceof SyntaxError) return new DownstreamContractError(service, 'response body is not JSON');
    return new DownstreamUnavailableError(service);
  }
}

/**
 * A call's timeout as undici's request signal, which may be an EventEmitter: one timer and one
 * emitter per call, cleared once the body is read. AbortSignal.timeout costs more per call (an
 * EventTarget, a weakly held timer and a finalization registry entry; measured in the README's
 * performance section).
 */
class CallTimeout extends EventEmitter {
  aborted = false;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    super();
    this.timer = setTimeout(() => {
      this.aborted = true;
      this.emit('abort');
    }, ms);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

function outcomeOf(error: unknown): [DownstreamOutcome, number | undefined] {
  if (error instanceof DownstreamTimeoutError) return ['timeout', undefined];
  if (error instanceof DownstreamUnavailableError) return error.status ? ['5xx', error.status] : ['unreachable', undefined];
  if (error instanceof DownstreamContractError) return error.status ? [error.status >= 500 ? '5xx' : '4xx', error.status] : ['invalid', 200];
  if (error instanceof DownstreamNotFoundError) return ['4xx', 404];
  return ['4xx', undefined];
}

/** What opens a circuit: the service failing, not answering, or answering garbage; not its 4xx answers. */
function countsAsFailure(error: unknown): boolean {
  if (error instanceof DownstreamContractError) return error.status === undefined || error.status >= 500;
  return error instanceof DownstreamUnavailableError || (error instanceof DownstreamTimeoutError && error.reason === 'timeout');
}

/**
 * Connection errors, 502, 503 and 504; never 4xx, never 500 (the service's own verdict), and never
 * our own timeout: asking a service that is already too slow again only adds to its load.
 */
function worthRetrying(error: unknown): boolean {
  return error instanceof DownstreamUnavailableError && (error.status === undefined || RETRYABLE_STATUSES.has(error.status));
}
