import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { CatalogClient } from './catalog.client';
import { DownstreamHttp } from './downstream.http';
import { OrderClient } from './order.client';
import { RecommendationClient } from './recommendation.client';
import { ServiceClientsConfigurableModule } from './service-clients.options';
import { UserClient } from './user.client';

const clients = [UserClient, OrderClient, CatalogClient, RecommendationClient];

/**
 * Open connections kept per service; calls beyond it queue. Sized for the
 * fan-out of many concurrent screens (3-4 calls each), not for one.
 */
const MAX_SOCKETS_PER_SERVICE = 256;
const agentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS_PER_SERVICE };

/**
 * One typed client per downstream service, over one keep-alive connection
 * pool: `ServiceClientsModule.forRoot({ baseUrls, timeoutMs })`.
 */
@Module({
  imports: [
    HttpModule.register({
      httpAgent: new Agent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      // Services answer directly; following redirects would only cost time on every call.
      maxRedirects: 0,
    }),
  ],
  providers: [DownstreamHttp, ...clients],
  exports: clients,
})
export class ServiceClientsModule extends ServiceClientsConfigurableModule {}
