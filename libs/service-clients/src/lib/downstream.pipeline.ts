import { type DownstreamOutcome, DownstreamTelemetry, RequestTracer } from '@bff/observability';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { CallDeadline, requestCancelled, timeLeft } from './call.deadline';
import { probesNext, refusedByCircuit, retryAfterSeconds } from './circuit.breaker';
import {
  DownstreamCancelledError,
  DownstreamCircuitOpenError,
  DownstreamContractError,
  DownstreamNotFoundError,
  DownstreamTimeoutError,
  DownstreamUnavailableError,
} from './downstream.errors';
import { outboundHeaders } from './gateway.headers';
import type { Flight, Middleware, OutboundCall, Proxy } from './outbound.call';
import { SERVICE_CLIENTS_OPTIONS, type ServiceClientsOptions } from './service-clients.options';
import { UpstreamRegistry } from './upstream.registry';

/**
 * The one way out to the services, in the manner of KrakenD lura's proxy: a
 * transport (the service's undici pool) inside small steps that every
 * attempt passes through, whatever reads its answer (the typed JSON clients,
 * DownstreamHttp, or the streaming pass-through, DownstreamForwarder):
 *
 * 1. `observed`: one CLIENT span (when traces are exported) and one telemetry record;
 * 2. `admitted`: no attempt when the request has no time left or has given up on its calls
 *    (outside the circuit: neither says anything about the service);
 * 3. `throughCircuit`: the call's circuit breaker fires it, or refuses it while open or half-open
 *    (503 with the seconds until it lets a call through again);
 * 4. `withinDeadline`: the smaller of the call timeout and the time the request has left; also ends
 *    the attempt when the caller goes away or the request gives up on its calls;
 * 5. `withGatewayHeaders`: request id, time left, trace, and the identity the call declares;
 * 6. `transmit`: the request over the pool; transport failures named as the service's.
 *
 * Retries and the sharing of identical GETs are DownstreamHttp's, around whole attempts.
 */
@Injectable()
export class DownstreamPipeline {
  private readonly proxy: Proxy;

  constructor(
    private readonly registry: UpstreamRegistry,
    @Inject(SERVICE_CLIENTS_OPTIONS) options: ServiceClientsOptions,
    @Optional() telemetry?: DownstreamTelemetry,
    @Optional() tracer?: RequestTracer,
  ) {
    const steps: Middleware[] = [
      // Without a collector a call pays no tracing at all.
      observed(telemetry, tracer?.enabled ? tracer : undefined),
      admitted,
      throughCircuit(registry, options.timeoutMs),
      withinDeadline(options.timeoutMs),
      withGatewayHeaders,
    ];
    this.proxy = steps.reduceRight<Proxy>((next, step) => step(next), transmit(options.timeoutMs));
  }

  /** One attempt, with everything every outbound call gets. */
  send<A, R>(call: OutboundCall<A, R>): Promise<R> {
    const upstream = this.registry.upstream(call.service);
    return this.proxy({ call, upstream, path: `${upstream.basePath}${call.path}` });
  }
}

function observed(telemetry: DownstreamTelemetry | undefined, tracer: RequestTracer | undefined): Middleware {
  if (!telemetry && !tracer) return (next) => next;
  return (next) =>
    async <A, R>(flight: Flight<A, R>): Promise<R> => {
      const { call } = flight;
      const started = performance.now();
      // One CLIENT span per attempt; the attempt's traceparent then names it as the service's parent.
      flight.span = tracer?.startCall({ traceparent: call.context?.traceparent, service: call.service, method: call.method, path: flight.path, attempt: call.attempt });
      const end = ([outcome, status]: [DownstreamOutcome, number | undefined], error?: unknown) => {
        telemetry?.record({
          service: call.service,
          outcome,
          status,
          durationMs: performance.now() - started,
          attempt: call.attempt,
          requestId: call.context?.requestId,
          circuit: call.circuit,
          breach: error instanceof DownstreamContractError ? error.detail : undefined,
        });
        flight.span?.end(outcome, status);
      };
      try {
        const result = await next(flight);
        end(call.outcome(result));
        return result;
      } catch (error) {
        end(flight.deadline?.cancelled ? CANCELLED : outcomeOf(error), error);
        throw error;
      }
    };
}

const CANCELLED: [DownstreamOutcome, undefined] = ['cancelled', undefined];

/** Before the circuit: an attempt that cannot be made says nothing about the service, and must not take a half-open probe's place. */
const admitted: Middleware = (next) => (flight) => {
  const { call } = flight;
  if (requestCancelled(call.context)) return Promise.reject(new DownstreamCancelledError(call.service));
  if (timeLeft(call.context) <= 0) return Promise.reject(new DownstreamTimeoutError(call.service, 0, 'deadline'));
  return next(flight);
};

function throughCircuit(registry: UpstreamRegistry, callTimeoutMs: number): Middleware {
  return (next) =>
    async <A, R>(flight: Flight<A, R>): Promise<R> => {
      const breaker = registry.breaker(flight.call.service, flight.call.circuit);
      // Read before `fire`, which lets the probe through synchronously and then refuses the rest.
      flight.probe = probesNext(breaker);
      let ran = false;
      try {
        return (await breaker.fire(() => {
          ran = true;
          return next(flight);
        })) as R;
      } catch (error) {
        if (refusedByCircuit(ran, error)) throw new DownstreamCircuitOpenError(flight.call.service, retryAfterSeconds(breaker, callTimeoutMs));
        throw error;
      }
    };
}

function withinDeadline(callTimeoutMs: number): Middleware {
  return (next) =>
    async <A, R>(flight: Flight<A, R>): Promise<R> => {
      const { call } = flight;
      // At least 1 ms: `admitted` saw time left, and a timer of 0 would fire before the request goes out.
      const timeoutMs = Math.max(1, Math.min(callTimeoutMs, timeLeft(call.context)));
      // A half-open probe is not cancelled with its request: its answer is what closes or reopens the circuit.
      const deadline = new CallDeadline(timeoutMs, call.signal, flight.probe ? undefined : call.context?.cancellation);
      flight.deadline = deadline;
      try {
        return await next(flight);
      } finally {
        deadline.clear();
      }
    };
}

const withGatewayHeaders: Middleware = (next) => (flight) => {
  const { call } = flight;
  flight.headers = outboundHeaders(call.headers, {
    context: call.context,
    credentials: call.credentials,
    timeoutMs: armed(flight).timeoutMs,
    traceparent: flight.span?.traceparent,
  });
  return next(flight);
};

/** The end of the pipeline: the request over the service's pool, its answer read and accepted. `bodyTimeoutMs` is the call timeout. */
function transmit(bodyTimeoutMs: number): Proxy {
  return async <A, R>(flight: Flight<A, R>): Promise<R> => {
    const { call } = flight;
    const deadline = armed(flight);
    let answer: A;
    try {
      const response = await flight.upstream.pool.request({
        method: call.method,
        path: flight.path,
        headers: flight.headers,
        body: call.body,
        signal: deadline,
        // Bounds each gap between a streamed body's chunks once the timeout is cleared.
        bodyTimeout: bodyTimeoutMs,
      });
      answer = await call.receive(response);
    } catch (error) {
      throw transportFailure(call, deadline, bodyTimeoutMs, error);
    }
    return call.accept(answer);
  };
}

function transportFailure(call: OutboundCall<unknown, unknown>, deadline: CallDeadline, callTimeoutMs: number, error: unknown): unknown {
  const own = call.failureOf?.(error);
  if (own !== undefined) return own;
  // The request gave up on the call: not the service's failure, and no retry follows.
  if (deadline.cancelledByRequest) return new DownstreamCancelledError(call.service);
  // The caller has gone: nobody reads a named error, and the service is not at fault.
  if (deadline.cancelled) return error;
  // Cut shorter than the call's own timeout by the request's deadline: a late request, not a slow service.
  if (deadline.timedOut) return new DownstreamTimeoutError(call.service, deadline.timeoutMs, deadline.timeoutMs < callTimeoutMs ? 'deadline' : 'timeout');
  return new DownstreamUnavailableError(call.service);
}

function armed(flight: Flight<unknown, unknown>): CallDeadline {
  if (!flight.deadline) throw new Error('outbound pipeline: withinDeadline must run before the headers and the transport');
  return flight.deadline;
}

/** How a failed attempt is counted in the metrics and its span. */
function outcomeOf(error: unknown): [DownstreamOutcome, number | undefined] {
  if (error instanceof DownstreamCircuitOpenError) return ['circuit_open', undefined];
  if (error instanceof DownstreamCancelledError) return CANCELLED;
  if (error instanceof DownstreamTimeoutError) return ['timeout', undefined];
  if (error instanceof DownstreamUnavailableError) return error.status ? ['5xx', error.status] : ['unreachable', undefined];
  if (error instanceof DownstreamContractError) return error.status ? [error.status >= 500 ? '5xx' : '4xx', error.status] : ['invalid', 200];
  if (error instanceof DownstreamNotFoundError) return ['4xx', 404];
  // A 4xx the call expected (a refused password), or the client's own failure (its body, its leaving).
  return ['4xx', undefined];
}
