import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The gateway's Prometheus metrics, in a registry of their own (served on
 * METRICS_PORT, never the public port). Names follow Prometheus conventions:
 * seconds for durations, `_total` for counters.
 */
export class GatewayMetrics {
  readonly registry = new Registry();

  /** Every request the gateway answered, by route pattern (not raw path), method and status. */
  readonly requestDuration = new Histogram({
    name: 'bff_http_request_duration_seconds',
    help: 'Time to answer a client request',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });

  /** Every call to a service behind the gateway, by service and outcome (ok, 4xx, 5xx, timeout, unreachable, circuit_open, invalid, cancelled). */
  readonly downstreamDuration = new Histogram({
    name: 'bff_downstream_request_duration_seconds',
    help: 'Time of one call (one attempt) to a downstream service',
    labelNames: ['service', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2],
    registers: [this.registry],
  });

  /** 0 closed, 1 half-open, 2 open. */
  readonly circuitState = new Gauge({
    name: 'bff_circuit_breaker_state',
    help: 'Circuit breaker state per service: 0 closed, 1 half-open, 2 open',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  /** 0 closed, 1 half-open, 2 open: the circuits of pass-through routes, apart from the services' own. */
  readonly routeCircuitState = new Gauge({
    name: 'bff_route_circuit_breaker_state',
    help: 'Circuit breaker state per pass-through route circuit: 0 closed, 1 half-open, 2 open',
    labelNames: ['circuit', 'service'] as const,
    registers: [this.registry],
  });

  /** Answers that broke the service's contract (a body the schema refuses, a body that is not JSON, a status it does not allow): not outages, so not in any circuit. */
  readonly contractBreaches = new Counter({
    name: 'bff_downstream_contract_breaches_total',
    help: 'Downstream answers that broke the service contract (body, JSON or status), by service',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  /** Retries the gateway wanted to make, by service: `allowed` (made) or `refused` by the service's retry budget. */
  readonly downstreamRetries = new Counter({
    name: 'bff_downstream_retries_total',
    help: 'Retries of downstream calls, by service and outcome (allowed, refused by the retry budget)',
    labelNames: ['service', 'outcome'] as const,
    registers: [this.registry],
  });

  /** Read at each scrape: the retries each service's budget allows now. */
  readonly retryBudgetSources = new Map<string, () => number>();

  readonly retryBudgetRemaining: Gauge<'service'> = new Gauge({
    name: 'bff_retry_budget_remaining',
    help: 'Retries each service may still be sent in its retry budget window',
    labelNames: ['service'] as const,
    registers: [this.registry],
    collect: () => {
      for (const [service, remaining] of this.retryBudgetSources) this.retryBudgetRemaining.set({ service }, remaining());
    },
  });

  /** Requests refused at the door with 503: `queue_full`, or `deadline` (it could not be answered within its deadline). */
  readonly admissionRefusals = new Counter({
    name: 'bff_admission_refusals_total',
    help: 'Requests refused by the admission control with 503, by reason (queue_full, deadline)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly rateLimitRejections = new Counter({
    name: 'bff_rate_limit_rejections_total',
    help: 'Requests refused with 429, by policy',
    labelNames: ['policy'] as const,
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'bff_cache_lookups_total',
    help: 'Product cache lookups per product, by result (hit, miss, stale)',
    labelNames: ['cache', 'result'] as const,
    registers: [this.registry],
  });

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry });
  }

  /** The admission control's limit, requests in flight and requests waiting, read at each scrape (only when it is on). */
  watchAdmission(source: { limit(): number; inflight(): number; queued(): number }): void {
    const gauges: Array<[string, string, () => number]> = [
      ['bff_admission_limit', 'Requests the admission control lets in at once now (its concurrency limit)', () => source.limit()],
      ['bff_admission_inflight', 'Requests admitted and not yet answered', () => source.inflight()],
      ['bff_admission_queued', 'Requests waiting for a place', () => source.queued()],
    ];
    for (const [name, help, read] of gauges) {
      const gauge: Gauge = new Gauge({ name, help, registers: [this.registry], collect: () => gauge.set(read()) });
    }
  }
}
