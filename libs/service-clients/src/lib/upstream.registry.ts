import type { DownstreamServiceName } from '@bff/config';
import { DownstreamTelemetry } from '@bff/observability';
import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { Pool } from 'undici';
import { type Breaker, CIRCUIT_DEFAULTS, type CircuitOptions, type CircuitState, createBreaker, stateOf } from './circuit.breaker';
import { RetryBudget } from './retry.budget';
import { RETRY_BUDGET_DEFAULTS, SERVICE_CLIENTS_OPTIONS, type ServiceClientsOptions } from './service-clients.options';

/**
 * Open connections kept per service; calls beyond it queue. Sized for the
 * fan-out of many concurrent screens (3-4 calls each), not for one.
 */
const CONNECTIONS_PER_SERVICE = 256;

/** One service behind the gateway: its keep-alive pool, its own circuit breaker and its retry budget. */
export interface Upstream {
  readonly service: DownstreamServiceName;
  readonly pool: Pool;
  /** The base URL's path (e.g. `/v1`), prefixed to every call's path. */
  readonly basePath: string;
  /** The service's circuit: the typed clients' calls go through it, and readiness reads it. */
  readonly breaker: Breaker;
  /** How many of the typed clients' calls to it may still be retried (pass-through calls never are). */
  readonly retryBudget: RetryBudget;
}

/**
 * Every service the gateway calls, as configured (`baseUrls`): one undici pool,
 * one circuit breaker and one retry budget per service, plus the named circuits that
 * pass-through routes declare, made on first use. A route's circuit guards
 * only that route's calls: a caller who makes them fail opens it, and neither
 * the service's circuit (aggregation) nor readiness notices.
 */
@Injectable()
export class UpstreamRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger('Downstream');
  private readonly upstreams = new Map<DownstreamServiceName, Upstream>();
  private readonly routeCircuits = new Map<string, { service: DownstreamServiceName; breaker: Breaker }>();
  private readonly circuit: CircuitOptions;

  constructor(
    @Inject(SERVICE_CLIENTS_OPTIONS) options: ServiceClientsOptions,
    @Optional() private readonly telemetry?: DownstreamTelemetry,
  ) {
    this.circuit = options.circuit ?? CIRCUIT_DEFAULTS;
    for (const [service, baseUrl] of Object.entries(options.baseUrls) as Array<[DownstreamServiceName, string]>) {
      const url = new URL(baseUrl);
      const breaker = createBreaker(this.circuit, (state) => {
        this.logState(state, service);
        this.telemetry?.circuit(service, state);
      });
      this.telemetry?.circuit(service, 'closed');
      const retryBudget = new RetryBudget(options.retryBudget ?? RETRY_BUDGET_DEFAULTS);
      this.telemetry?.retryBudget(service, () => retryBudget.remaining());
      this.upstreams.set(service, {
        service,
        pool: new Pool(url.origin, { connections: CONNECTIONS_PER_SERVICE, keepAliveTimeout: 60_000 }),
        basePath: url.pathname.replace(/\/+$/, ''),
        breaker,
        retryBudget,
      });
    }
  }

  /** The services configured, in the order of `baseUrls`. */
  get services(): DownstreamServiceName[] {
    return [...this.upstreams.keys()];
  }

  upstream(service: DownstreamServiceName): Upstream {
    const upstream = this.upstreams.get(service);
    if (!upstream) throw new Error(`no base URL is configured for the ${service} service`);
    return upstream;
  }

  /**
   * The breaker a call goes through: the service's own without a name; with one, the named
   * circuit (a pass-through route's), made on first use. Names come from configuration, never
   * from a request: each is a breaker kept for the process's life.
   */
  breaker(service: DownstreamServiceName, circuit?: string): Breaker {
    if (circuit === undefined) return this.upstream(service).breaker;
    const existing = this.routeCircuits.get(circuit);
    if (existing) return existing.breaker;
    this.upstream(service);
    const breaker = createBreaker(this.circuit, (state) => {
      this.logState(state, service, circuit);
      this.telemetry?.routeCircuit(circuit, service, state);
    });
    this.telemetry?.routeCircuit(circuit, service, 'closed');
    this.routeCircuits.set(circuit, { service, breaker });
    return breaker;
  }

  /** Each service's own circuit, for health and readiness; route circuits are not among them. */
  states(): Record<DownstreamServiceName, CircuitState> {
    const states = {} as Record<DownstreamServiceName, CircuitState>;
    for (const { service, breaker } of this.upstreams.values()) states[service] = stateOf(breaker);
    return states;
  }

  /** Each route circuit made so far, by name, for operators: a route's failures are its own. */
  routeStates(): Record<string, CircuitState> {
    const states: Record<string, CircuitState> = {};
    for (const [name, { breaker }] of this.routeCircuits) states[name] = stateOf(breaker);
    return states;
  }

  /** After the server has stopped and in-flight requests are done: they still need the pools until then. */
  async onApplicationShutdown(): Promise<void> {
    for (const { breaker } of this.routeCircuits.values()) breaker.shutdown();
    for (const { breaker } of this.upstreams.values()) breaker.shutdown();
    await Promise.all([...this.upstreams.values()].map(({ pool }) => pool.close()));
  }

  private logState(state: CircuitState, service: DownstreamServiceName, circuit?: string): void {
    // The same words for both kinds, so that one search finds every circuit of a service.
    const which = circuit === undefined ? '' : ` (circuit "${circuit}")`;
    if (state === 'open') this.logger.warn(`circuit open: ${service} service failing${which}; calls fail fast for ${this.circuit.resetMs} ms`);
    else if (state === 'half-open') this.logger.log(`circuit half-open: probing the ${service} service${which}`);
    else this.logger.log(`circuit closed: ${service} service answering again${which}`);
  }
}
