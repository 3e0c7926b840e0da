import { loadConfigOrExit } from '@bff/app-process';
import { type Env, loadServiceConfig, type SampleServiceName, type ServiceConfig } from '@bff/config';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AssetUrls, SERVICE_CONFIG } from './asset.urls';
import { startFastifyService } from './fastify-service.bootstrap';
import { FaultInjector } from './fault.injector';

/** What every sample service's controllers may inject: its config (SERVICE_CONFIG) and AssetUrls. */
@Module({})
class SampleServiceConfigModule {}

@Module({})
class SampleServiceRootModule {}

function sampleServiceRoot(config: ServiceConfig, rootModule: Type | DynamicModule): DynamicModule {
  const providers = [{ provide: SERVICE_CONFIG, useValue: config }, AssetUrls];
  return {
    module: SampleServiceRootModule,
    imports: [{ module: SampleServiceConfigModule, global: true, providers, exports: [SERVICE_CONFIG, AssetUrls] }, rootModule],
  };
}

/**
 * Starts a sample service on Fastify: config validated (one line and exit 1 on
 * a bad variable), fault injection when FAULT_INJECTION=on, a fixed delay per
 * response when RESPONSE_DELAY_MS is set, shutdown hooks, and the ready line
 * that launchers wait for.
 */
export async function bootstrapSampleService(
  app: SampleServiceName,
  rootModule: (config: ServiceConfig) => Type | DynamicModule,
  env: Env,
): Promise<NestFastifyApplication> {
  const config = loadConfigOrExit(() => loadServiceConfig(app, env));
  return startFastifyService(app, sampleServiceRoot(config, rootModule(config)), { host: config.host, port: config.port }, (fastify) => {
    // /health is registered before this runs, and fault injection skips it.
    if (config.faultInjection) new FaultInjector().install(fastify);
    if (config.responseDelayMs > 0) {
      const delayMs = config.responseDelayMs;
      fastify.addHook('onRequest', (request, _reply, done) => {
        if (request.url.startsWith('/health')) return done();
        setTimeout(done, delayMs);
      });
    }
  });
}
