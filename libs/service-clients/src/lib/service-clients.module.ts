import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CatalogClient } from './catalog.client';
import { CircuitsHealthIndicator } from './circuits.health';
import { DownstreamForwarder } from './downstream.forwarder';
import { DownstreamHttp } from './downstream.http';
import { DownstreamPipeline } from './downstream.pipeline';
import { IdentityClient } from './identity.client';
import { OrderClient } from './order.client';
import { RecommendationClient } from './recommendation.client';
import { ServiceClientsConfigurableModule } from './service-clients.options';
import { UpstreamRegistry } from './upstream.registry';
import { UserClient } from './user.client';

const exported = [UserClient, OrderClient, CatalogClient, RecommendationClient, IdentityClient, DownstreamForwarder, UpstreamRegistry, CircuitsHealthIndicator];

/**
 * One typed client per downstream service and the pass-through forwarder, all
 * over one outbound pipeline (a keep-alive pool and a circuit breaker per
 * service): `ServiceClientsModule.forRoot({ baseUrls, timeoutMs, retry, circuit })`.
 * `CircuitsHealthIndicator` reports the services' circuits to terminus.
 */
@Module({
  imports: [TerminusModule],
  providers: [DownstreamPipeline, DownstreamHttp, ...exported],
  exports: exported,
})
export class ServiceClientsModule extends ServiceClientsConfigurableModule {}
