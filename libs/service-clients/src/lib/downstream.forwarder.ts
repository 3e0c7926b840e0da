import type { DownstreamServiceName } from '@bff/config';
import { type CallSpan, type DownstreamOutcome, DownstreamTelemetry, RequestTracer } from '@bff/observability';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { DownstreamCallContext } from './downstream-call.context';
import { DownstreamCircuitOpenError, DownstreamTimeoutError, DownstreamUnavailableError } from './downstream.errors';
import { DownstreamHttp } from './downstream.http';
import { SERVICE_CLIENTS_OPTIONS, type ServiceClientsOptions } from './service-clients.options';

/** A client's request, already checked and cleaned by the router, to pass on as it is. */
export interface ForwardedRequest {
  service: DownstreamServiceName;
  method: Dispatcher.HttpMethod;
  /** Path and query on the service, already encoded and checked to stay under the route's target. */
  path: string;
  /**
   * The client's end-to-end headers that may go on (the router has removed hop-by-hop, internal
   * and credential headers). The gateway's own (request id, caller, deadline, trace) are added here.
   */
  headers: Record<string, string | string[]>;
  /** The request body, streamed as it arrives; a stream error (too large, client gone) ends the call with that error. */
  body?: Readable;
  /** Aborts the call, e.g. when the client has gone away. */
  signal?: AbortSignal;
  context?: DownstreamCallContext;
  /** The identity the service is sent (the route's declaration). @default 'none' */
  credentials?: 'none' | 'user-id' | 'access-token';
  /** The circuit breaker the call counts against (e.g. `route /catalog`). @default the service's own */
  circuit?: string;
}

/** The service's answer: status and headers as they came, the body still streaming. */
export interface ForwardedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

/** The headers the gateway sets itself; the client's versions of them never reach a service. */
export const GATEWAY_SET_HEADERS = ['x-request-id', 'x-deadline-ms', 'traceparent', 'x-user-id', 'authorization'] as const;

/**
 * Passes a request through to a service without parsing it, for the gateway's
 * pass-through routes: over DownstreamHttp's keep-alive pool and behind the
 * same per-service circuit breaker, with the same gateway headers (request id,
 * verified caller and token, time left, trace). The service must send its
 * headers within the smaller of the call timeout and the request's deadline
 * (DownstreamTimeoutError); the body then streams, each gap between chunks at
 * most the call timeout. A 5xx or no answer is a DownstreamUnavailableError
 * and counts against the circuit; other statuses are the service's answer and
 * are returned as they are. Never retried: a streamed body cannot be sent twice.
 */
@Injectable()
export class DownstreamForwarder {
  private readonly timeoutMs: number;
  private readonly tracer?: RequestTracer;

  constructor(
    private readonly http: DownstreamHttp,
    @Inject(SERVICE_CLIENTS_OPTIONS) options: ServiceClientsOptions,
    @Optional() private readonly telemetry?: DownstreamTelemetry,
    @Optional() tracer?: RequestTracer,
  ) {
    this.timeoutMs = options.timeoutMs;
    this.tracer = tracer?.enabled ? tracer : undefined;
  }

  async forward(request: ForwardedRequest): Promise<ForwardedResponse> {
    const { breaker, basePath } = this.http.upstreamOf(request.service);
    const path = `${basePath}${request.path}`;
    const started = performance.now();
    const span = this.tracer?.startCall({ traceparent: request.context?.traceparent, service: request.service, method: request.method, path, attempt: 1 });
    const record = (outcome: DownstreamOutcome, status?: number) => {
      this.telemetry?.record({ service: request.service, outcome, status, durationMs: performance.now() - started, attempt: 1, requestId: request.context?.requestId });
      span?.end(outcome, status);
    };
    try {
      const response = (await breaker.fire(() => this.send(request, path, span))) as ForwardedResponse;
      record(response.status >= 400 ? '4xx' : 'ok', response.status);
      return response;
    } catch (error) {
      if (breaker.opened && (error as { code?: unknown }).code === 'EOPENBREAKER') {
        record('circuit_open');
        throw new DownstreamCircuitOpenError(request.service);
      }
      if (error instanceof DownstreamTimeoutError) record('timeout');
      else if (error instanceof DownstreamUnavailableError) record(error.status ? '5xx' : 'unreachable', error.status);
      // The client's side failed (body over the limit, client gone): the service was not at fault.
      else record('4xx');
      throw error;
    }
  }

  private async send(request: ForwardedRequest, path: string, span: CallSpan | undefined): Promise<ForwardedResponse> {
    const { service } = request;
    const deadlineAt = request.context?.deadlineAt;
    const timeoutMs = Math.min(this.timeoutMs, deadlineAt === undefined ? Number.POSITIVE_INFINITY : deadlineAt - Date.now());
    if (timeoutMs <= 0) throw new DownstreamTimeoutError(service, 0, 'deadline');

    // The timeout covers the wait for the service's headers only; once they are in, the body streams.
    // One controller for both causes (AbortSignal.any costs more per call on Node 20).
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
    const clientGone = () => abort.abort();
    request.signal?.addEventListener('abort', clientGone, { once: true });
    // The body's own failure (over the limit, client gone) is the call's error, not the service's.
    let bodyError: unknown;
    request.body?.once('error', (error) => (bodyError = error));
    try {
      const { pool } = this.http.upstreamOf(service);
      const response = await pool.request({
        method: request.method,
        path,
        headers: { ...request.headers, ...this.gatewayHeaders(request.context, timeoutMs, span) },
        body: request.body,
        signal: abort.signal,
        bodyTimeout: this.timeoutMs,
      });
      if (response.statusCode >= 500) {
        await response.body.dump();
        throw new DownstreamUnavailableError(service, response.statusCode);
      }
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      if (error instanceof DownstreamUnavailableError) throw error;
      if (bodyError !== undefined) throw bodyError;
      if (request.signal?.aborted) throw error;
      if (timedOut) throw new DownstreamTimeoutError(service, timeoutMs);
      throw new DownstreamUnavailableError(service);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', clientGone);
    }
  }

  /** As DownstreamHttp sends them: only what the gateway itself vouches for. */
  private gatewayHeaders(context: DownstreamCallContext | undefined, timeoutMs: number, span: CallSpan | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'x-deadline-ms': String(Math.floor(timeoutMs)) };
    if (context?.requestId) headers['x-request-id'] = context.requestId;
    const traceparent = span?.traceparent ?? context?.traceparent;
    if (traceparent) headers['traceparent'] = traceparent;
    if (context?.userId) headers['x-user-id'] = context.userId;
    if (context?.accessToken) headers['authorization'] = `Bearer ${context.accessToken}`;
    return headers;
  }
}
