import { Public } from '@bff/auth';
import type { DownstreamServiceName } from '@bff/config';
import { type CircuitState, CircuitsHealthIndicator, UpstreamRegistry } from '@bff/service-clients';
import { NotRateLimited, RateLimitStoreHealthIndicator } from '@bff/throttling';
import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, type HealthCheckResult, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { GatewayLifecycle } from './gateway.lifecycle';

export interface HealthView {
  status: 'ok';
  /** Each service's circuit breaker: `open` means calls to it fail fast for now. */
  circuits: Record<DownstreamServiceName, CircuitState>;
}

/** The services every screen needs: while one's circuit is open, this instance cannot serve. */
const REQUIRED_SERVICES: DownstreamServiceName[] = ['user', 'order', 'catalog'];

/**
 * Health for load balancers and orchestrators (no token, no rate limit).
 * `/health/live`: the process answers. `/health/ready` (@nestjs/terminus): not
 * shutting down, no required service's circuit open, Redis reachable when
 * configured and failing closed (failing open, the instance still serves);
 * 503 with a body that names what is down otherwise.
 * `/health`: liveness with every circuit's state, for people.
 */
@Public()
@NotRateLimited()
@Controller('health')
export class HealthController {
  constructor(
    private readonly upstreams: UpstreamRegistry,
    private readonly health: HealthCheckService,
    private readonly lifecycle: GatewayLifecycle,
    private readonly circuits: CircuitsHealthIndicator,
    private readonly rateLimitStore: RateLimitStoreHealthIndicator,
  ) {}

  @Get()
  overview(): HealthView {
    return { status: 'ok', circuits: this.upstreams.states() };
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  // Health is not in the OpenAPI document; terminus's swagger half would load @nestjs/swagger at start-up.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.lifecycleCheck(),
        () => this.circuits.isHealthy('circuits', REQUIRED_SERVICES),
        () => this.rateLimitStore.isHealthy('redis'),
      ]);
    } catch (error) {
      // Terminus reports "not ready" as an exception; the body it carries is the answer, not an error.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private lifecycleCheck(): HealthIndicatorResult {
    return { lifecycle: { status: this.lifecycle.shuttingDown ? 'down' : 'up', ...(this.lifecycle.shuttingDown ? { reason: 'shutting down' } : {}) } };
  }
}
