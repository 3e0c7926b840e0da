import { announceReady } from '@bff/app-process';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';

/** Where a service listens. */
export interface ListenOptions {
  /** Interface to bind; `0.0.0.0` in containers. */
  host: string;
  /** `0` picks a free port, which the ready line then tells. */
  port: number;
}

/**
 * Starts a Nest module on Fastify the way every service in this repository
 * starts: `GET /health` answered by Fastify itself (so no Nest guard or hook
 * can get in its way), shutdown hooks, and the ready line launchers wait for.
 * Configuration is the caller's job, loaded before this is called, so that a
 * bad variable stops the app before anything listens.
 *
 * `configure` runs on the Fastify instance after /health is registered and
 * before Nest adds its routes: hooks it adds see every request.
 */
export async function startFastifyService(
  app: string,
  rootModule: Type | DynamicModule,
  listen: ListenOptions,
  configure?: (fastify: FastifyInstance) => void,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ logger: false, keepAliveTimeout: 65_000 });
  const fastify = adapter.getInstance();
  // For healthchecks (docker-compose, orchestrators).
  fastify.get('/health', async () => ({ status: 'ok' }));
  configure?.(fastify);

  const nest = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: ['error', 'warn'],
  });
  nest.enableShutdownHooks();
  await nest.listen(listen.port, listen.host);
  announceReady(app, nest.getHttpServer().address() as AddressInfo);
  return nest;
}
