import type { Logger } from 'pino';
import { type FlatLineLogger, flatLineLogger } from './gateway.logger';
import type { GatewayMetrics } from './gateway.metrics';

/**
 * How one attempt ended. `invalid`: the service answered a body that breaks its contract (a breach,
 * counted apart). `cancelled`: nobody needed the answer any more (the request gave up on its calls
 * after a required part failed, or the client went away): not the service's doing.
 */
export type DownstreamOutcome = 'ok' | '4xx' | '5xx' | 'timeout' | 'unreachable' | 'circuit_open' | 'invalid' | 'cancelled';

/** What became of a retry the gateway wanted to make: made, or refused by the service's retry budget. */
export type RetryOutcome = 'allowed' | 'refused';

export interface DownstreamCallRecord {
  service: string;
  outcome: DownstreamOutcome;
  /** The status the service answered, if it answered. */
  status?: number;
  durationMs: number;
  /** 1 for the first try, 2 for the first retry... */
  attempt: number;
  requestId?: string;
  /** The named circuit the call went through (a pass-through route's); absent for the service's own. */
  circuit?: string;
  /**
   * The service answered something its contract does not allow, and what: field paths and zod's
   * messages (never a value), e.g. `unexpected response body: body.id: Invalid input: ...`.
   */
  breach?: string;
}

/**
 * Records every downstream call: a duration in the metrics and one log line; a contract breach also
 * in a counter of its own and a warning that names the service and the field; the retry budgets'
 * spending and what they have left.
 */
export class DownstreamTelemetry {
  private readonly lines: FlatLineLogger;

  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly logger: Logger,
  ) {
    this.lines = flatLineLogger(logger);
  }

  record(call: DownstreamCallRecord): void {
    // observe(labels, value) rather than labels(...).observe(value): no closures made per call.
    this.metrics.downstreamDuration.observe({ service: call.service, outcome: call.outcome }, call.durationMs / 1000);
    this.lines.info(
      { reqId: call.requestId, service: call.service, outcome: call.outcome, status: call.status, durationMs: Math.round(call.durationMs * 10) / 10, attempt: call.attempt, circuit: call.circuit },
      'downstream call',
    );
    if (call.breach !== undefined) {
      this.metrics.contractBreaches.inc({ service: call.service });
      this.logger.warn({ reqId: call.requestId, service: call.service, breach: call.breach }, `contract breach: ${call.service} service: ${call.breach}`);
    }
  }

  /** A retry the gateway wanted to make, and whether the service's retry budget allowed it. */
  retry(service: string, outcome: RetryOutcome): void {
    this.metrics.downstreamRetries.inc({ service, outcome });
  }

  /** Where a service's retry budget can be read, for `bff_retry_budget_remaining` at each scrape. */
  retryBudget(service: string, remaining: () => number): void {
    this.metrics.retryBudgetSources.set(service, remaining);
  }

  /** A service's own circuit (the one readiness reads). */
  circuit(service: string, state: CircuitStateName): void {
    this.metrics.circuitState.labels(service).set(gaugeValue(state));
  }

  /** A circuit of its own that a pass-through route's calls go through, by the name the route gives it. */
  routeCircuit(circuit: string, service: string, state: CircuitStateName): void {
    this.metrics.routeCircuitState.labels(circuit, service).set(gaugeValue(state));
  }
}

export type CircuitStateName = 'closed' | 'half-open' | 'open';

function gaugeValue(state: CircuitStateName): number {
  return state === 'open' ? 2 : state === 'half-open' ? 1 : 0;
}
