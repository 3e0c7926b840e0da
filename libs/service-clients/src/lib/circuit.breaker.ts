import CircuitBreaker from 'opossum';
import { DownstreamTimeoutError, DownstreamUnavailableError } from './downstream.errors';
import type { ServiceClientsOptions } from './service-clients.options';

export type CircuitState = 'closed' | 'open' | 'half-open';

export type CircuitOptions = NonNullable<ServiceClientsOptions['circuit']>;

/** A circuit breaker around one attempt: `fire(send)` runs `send` unless the circuit is open. */
export type Breaker = CircuitBreaker<[() => Promise<unknown>], unknown>;

export const CIRCUIT_DEFAULTS: CircuitOptions = { errorThresholdPercent: 50, volumeThreshold: 10, windowMs: 10_000, resetMs: 5_000 };

/** When each open breaker lets its probe through (epoch ms): what `Retry-After` counts down to. */
const probesAt = new WeakMap<Breaker, number>();

/** An opossum breaker whose failures are the service's (see `countsAsFailure`), reporting each change of state. */
export function createBreaker(options: CircuitOptions, onState: (state: CircuitState) => void): Breaker {
  const breaker: Breaker = new CircuitBreaker((send: () => Promise<unknown>) => send(), {
    timeout: false, // each attempt has its own deadline-bounded timeout
    errorThresholdPercentage: options.errorThresholdPercent,
    volumeThreshold: options.volumeThreshold,
    rollingCountTimeout: options.windowMs,
    rollingCountBuckets: 10,
    resetTimeout: options.resetMs,
    // Nothing reads latency percentiles or snapshots: without them opossum keeps no list of
    // every call's latency, sorts none on each failure, and computes no stats every second.
    rollingPercentilesEnabled: false,
    enableSnapshots: false,
    // Answers the service meant (404, 400, a refused password) are not the service failing.
    errorFilter: (error: unknown) => !countsAsFailure(error),
  });
  breaker.on('open', () => {
    probesAt.set(breaker, Date.now() + options.resetMs);
    onState('open');
  });
  breaker.on('halfOpen', () => onState('half-open'));
  breaker.on('close', () => onState('closed'));
  return breaker;
}

export function stateOf(breaker: Breaker): CircuitState {
  return breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
}

/**
 * Whether the next call through this breaker is its half-open probe: the one call let through to find
 * out whether the service is back (opossum lets exactly one through per half-open period).
 */
export function probesNext(breaker: Breaker): boolean {
  return breaker.halfOpen && breaker.pendingClose;
}

/**
 * Whether `fire` refused to run the attempt: opossum's `EOPENBREAKER`, thrown while the circuit is
 * open and also while it is half-open with its probe in flight. `ran` says whether the attempt
 * started, so that no error of the attempt's own can pass for a refusal.
 */
export function refusedByCircuit(ran: boolean, error: unknown): boolean {
  return !ran && (error as { code?: unknown } | undefined)?.code === 'EOPENBREAKER';
}

/**
 * Whole seconds until the circuit lets a call through again, at least 1: while open, until its probe
 * (`resetMs` after it opened); while half-open, the probe's own time (`callTimeoutMs`), after which
 * the circuit is closed or open again.
 */
export function retryAfterSeconds(breaker: Breaker, callTimeoutMs: number): number {
  const probeAt = probesAt.get(breaker);
  const waitMs = breaker.opened && probeAt !== undefined ? probeAt - Date.now() : callTimeoutMs;
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/**
 * What opens a circuit: the service failing (5xx) or not answering (no connection, its own
 * timeout). Not its 4xx answers, not a body that breaks the contract (the service answers, wrongly:
 * counted as a breach instead, see DownstreamTelemetry), not a request with no time left, not a call
 * the request cancelled, not the client's own failure (its body, its leaving).
 */
function countsAsFailure(error: unknown): boolean {
  return error instanceof DownstreamUnavailableError || (error instanceof DownstreamTimeoutError && error.reason === 'timeout');
}
