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
      { reqId: call.requestId, service: call.service, outcome: call.outcome, status: call.status, durationMs: Math.round(call.durationMs * 10) / 10, attempt: call.attempt },
      'downstream call',
    );
  }

  circuit(service: string, state: 'closed' | 'half-open' | 'open'): void {
    this.metrics.circuitState.labels(service).set(state === 'open' ? 2 : state === 'half-open' ? 1 : 0);
  }
}
