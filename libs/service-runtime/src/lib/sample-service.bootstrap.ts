import { announceReady, loadConfigOrExit } from '@bff/app-process';
import { type Env, loadServiceConfig, type SampleServiceName, type ServiceConfig } from '@bff/config';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from './fault.injector';

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
  const adapter = new FastifyAdapter({ logger: false, keepAliveTimeout: 65_000 });
  const fastify = adapter.getInstance();
  // For healthchecks (docker-compose, orchestrators); registered before fault injection, which skips it.
  fastify.get('/health', async () => ({ status: 'ok' }));
  if (config.faultInjection) new FaultInjector().install(fastify);
  if (config.responseDelayMs > 0) {
    const delayMs = config.responseDelayMs;
    fastify.addHook('onRequest', (request, _reply, done) => {
      if (request.url === '/health') return done();
      setTimeout(done, delayMs);
    });
  }

  const nest = await NestFactory.create<NestFastifyApplication>(rootModule(config), adapter, {
    logger: ['error', 'warn'],
  });
  nest.enableShutdownHooks();
  await nest.listen(config.port, config.host);
  announceReady(app, nest.getHttpServer().address() as AddressInfo);
  return nest;
}
