import type { DownstreamServiceName } from '@bff/config';
import { Injectable } from '@nestjs/common';
import { type CircuitState, DownstreamHttp } from './downstream.http';

/** The state of each service's circuit breaker, for health endpoints and operators. */
@Injectable()
export class DownstreamCircuits {
  constructor(private readonly http: DownstreamHttp) {}

  states(): Record<DownstreamServiceName, CircuitState> {
    return this.http.circuitStates();
  }
}
