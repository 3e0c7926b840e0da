import type { Logger } from 'pino';
import { type FlatLineLogger, flatLineLogger } from './gateway.logger';
import type { GatewayMetrics } from './gateway.metrics';

export type DownstreamOutcome = 'ok' | '4xx' | '5xx' | 'timeout' | 'unreachable' | 'circuit_open' | 'invalid';

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
}

/** Records every downstream call: a duration in the metrics and one log line. */
export class DownstreamTelemetry {
  private readonly lines: FlatLineLogger;

  constructor(
    private readonly metrics: GatewayMetrics,
    logger: Logger,
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
