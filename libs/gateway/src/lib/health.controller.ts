import { Public } from '@bff/auth';
import type { DownstreamServiceName } from '@bff/config';
import { type CircuitState, DownstreamCircuits } from '@bff/service-clients';
import { SkipThrottle } from '@bff/throttling';
import { Controller, Get } from '@nestjs/common';

export interface HealthView {
  status: 'ok';
  /** Each service's circuit breaker: `open` means calls to it fail fast for now. */
  circuits: Record<DownstreamServiceName, CircuitState>;
}

/** Liveness for load balancers and orchestrators (no token, no rate limit), with the circuits' states. */
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly circuits: DownstreamCircuits) {}

  @Get()
  health(): HealthView {
    return { status: 'ok', circuits: this.circuits.states() };
  }
}
