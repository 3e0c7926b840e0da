import CircuitBreaker from 'opossum';
import { DownstreamContractError, DownstreamTimeoutError, DownstreamUnavailableError } from './downstream.errors';
import type { ServiceClientsOptions } from './service-clients.options';

export type CircuitState = 'closed' | 'open' | 'half-open';

export type CircuitOptions = NonNullable<ServiceClientsOptions['circuit']>;

/** A circuit breaker around one attempt: `fire(send)` runs `send` unless the circuit is open. */
export type Breaker = CircuitBreaker<[() => Promise<unknown>], unknown>;

export const CIRCUIT_DEFAULTS: CircuitOptions = { errorThresholdPercent: 50, volumeThreshold: 10, windowMs: 10_000, resetMs: 5_000 };

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
  breaker.on('open', () => onState('open'));
  breaker.on('halfOpen', () => onState('half-open'));
  breaker.on('close', () => onState('closed'));
  return breaker;
}

export function stateOf(breaker: Breaker): CircuitState {
  return breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
}

/** Whether `fire` refused to run the attempt because the circuit is open. */
export function refusedByOpenCircuit(breaker: Breaker, error: unknown): boolean {
  return breaker.opened && (error as { code?: unknown }).code === 'EOPENBREAKER';
}

/**
 * What opens a circuit: the service failing, not answering, or answering garbage; not its 4xx
 * answers, not a request with no time left, not the client's own failure (its body, its leaving).
 */
function countsAsFailure(error: unknown): boolean {
  if (error instanceof DownstreamContractError) return error.status === undefined || error.status >= 500;
  return error instanceof DownstreamUnavailableError || (error instanceof DownstreamTimeoutError && error.reason === 'timeout');
}
