import { Module } from '@nestjs/common';
import { CatalogClient } from './catalog.client';
import { DownstreamCircuits } from './downstream.circuits';
import { DownstreamForwarder } from './downstream.forwarder';
import { DownstreamHttp } from './downstream.http';
import { IdentityClient } from './identity.client';
import { OrderClient } from './order.client';
import { RecommendationClient } from './recommendation.client';
import { ServiceClientsConfigurableModule } from './service-clients.options';
import { UserClient } from './user.client';

const clients = [UserClient, OrderClient, CatalogClient, RecommendationClient, IdentityClient, DownstreamCircuits, DownstreamForwarder];

/**
 * One typed client per downstream service, each over a keep-alive connection
 * pool and behind a circuit breaker: `ServiceClientsModule.forRoot({ baseUrls, timeoutMs, retry, circuit })`.
 */
@Module({
  providers: [DownstreamHttp, ...clients],
  exports: clients,
})
export class ServiceClientsModule extends ServiceClientsConfigurableModule {}
