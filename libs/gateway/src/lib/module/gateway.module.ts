import { AuthModule } from '@bff/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '@bff/config';
import { ServiceClientsModule } from '@bff/service-clients';
import { ThrottlingModule } from '@bff/throttling';
import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import type { GatewayHttpOptions } from '../bootstrap/gateway.settings';
import { GatewayExceptionFilter } from '../errors/gateway-exception.filter';
import { HealthController } from '../health.controller';
import { RouteAccessPipeline } from '../pipeline/route-access.pipeline';

/**
 * Everything a BFF has in common, wired from its validated configuration:
 * service clients, authentication, authorization, then rate limiting (in that
 * order, so that limits count verified users: see RouteAccessPipeline, which
 * runs them from each route's Fastify hook), the one error filter, and health.
 * A BFF's app module imports this, the feature modules it uses with their own
 * options (`AggregationModule.forRoot(...)`, `RoutingModule.forRoot(...)`), and
 * adds its own controllers. Exports the configuration (`GATEWAY_CONFIG`) and the
 * auth module's services to the app module that imports it.
 */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, features: Pick<GatewayHttpOptions, 'cookieSessions'> = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ServiceClientsModule.forRoot({
          baseUrls: config.services,
          timeoutMs: config.downstreamTimeoutMs,
          retry: config.resilience.retry,
          retryBudget: config.resilience.retryBudget,
          circuit: config.resilience.circuit,
        }),
        // Global: authentication is the whole app's (its guards are), and web-bff's WebSessionModule, a
        // sibling of this module, seals its cookies and checks the provider's tokens with it.
        { ...AuthModule.forRoot({ ...config.jwt, sessions: features.cookieSessions ? { secret: config.session.secret } : undefined }), global: true },
        ThrottlingModule.forRoot({
          burst: { ttlMs: config.throttle.burstTtlMs, limit: config.throttle.burstLimit },
          sustained: { ttlMs: config.throttle.ttlMs, limit: config.throttle.limit },
          redis: config.redis,
          failClosed: config.throttle.failClosed,
          login: { ttlMs: config.throttle.loginTtlMs, limit: config.throttle.loginLimit },
          authFailures: { ttlMs: config.throttle.authFailureTtlMs, limit: config.throttle.authFailureLimit },
        }),
        TerminusModule.forRoot({ logger: false }),
        // For compileRoutePipelines, which reads every controller's routes once at start-up.
        DiscoveryModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        // Not APP_GUARDs: the guards run from each route's Fastify hook, compiled at start-up.
        RouteAccessPipeline,
        { provide: APP_FILTER, useClass: GatewayExceptionFilter },
      ],
      exports: [GATEWAY_CONFIG, AuthModule],
    };
  }
}
