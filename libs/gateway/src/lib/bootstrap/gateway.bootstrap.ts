import { flushModuleCompileCache, listenOrExit, loadConfigOrExit } from '@bff/app-process';
import { type Env, type GatewayConfig, loadGatewayConfig } from '@bff/config';
import { registerRequestTelemetry } from '@bff/observability';
import { type DynamicModule, Module, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import { serveGatewayDocs } from '../docs/gateway.openapi';
import { addAdmissionControl } from '../edge/edge.admission';
import { acceptJsonBodiesOnly, addEdgeHooks, createEdgeAdapter } from '../edge/edge.server';
import { registerEdgePlugins } from '../edge/edge.plugins';
import { addDegradedHeader, DEGRADED_HEADER } from '../http/degraded-header.hook';
import { compileRoutePipelines } from '../pipeline/route-pipeline.compiler';
import { announceGateway, isClusterPrimary, runClusterPrimary, serveGatewayMetrics } from './gateway.cluster';
import { drainOnSignals } from './gateway.drain';
import { createGatewayObservability, type GatewayObservability, GatewayObservabilityModule } from './gateway-observability.module';
import type { GatewaySettings } from './gateway.settings';

@Module({})
class GatewayRootModule {}

/**
 * Connections the kernel may hold before the gateway accepts them (Node's default is 511): a burst
 * of new connections beyond it waits for SYN retransmits (a second or more) before admission
 * control can even answer them. Capped by the kernel's net.core.somaxconn.
 */
const LISTEN_BACKLOG = 4096;

/** The routes outside `/api`: for load balancers, not clients. */
const HEALTH_ROUTES = ['health', 'health/live', 'health/ready'];

/**
 * Starts a BFF from its settings and its root module, in these steps:
 *
 * 1. configuration, validated before anything else (one line and exit 1 on a bad variable); with
 *    CLUSTER_WORKERS > 1 this process only starts and watches the workers, which run the rest;
 * 2. observability: the pino logger, Prometheus metrics, the tracer;
 * 3. the edge: Fastify with its limits (body, time, path parameters), request ids, deadlines,
 *    JSON-only bodies, and every answer it writes itself in the error shape;
 * 4. request telemetry: the request line, metric and span of every answer; then admission control
 *    (overload protection), so that its refusals are logged and counted too;
 * 5. the Nest app, each of its routes' access checks compiled into a Fastify hook (authentication,
 *    authorization, rate limits), then the HTTP face (cookies, compression, ETags, helmet, CORS);
 * 6. routes: `/api` (versioned when `http.uriVersioning`), health outside it, the OpenAPI documents;
 * 7. listen, serve the metrics, drain on SIGTERM, print the ready line, write the module compile cache.
 */
export async function bootstrapGateway(settings: GatewaySettings, rootModule: (config: GatewayConfig) => DynamicModule, env: Env): Promise<NestFastifyApplication> {
  const http = settings.http ?? {};
  const config = loadConfigOrExit(() => loadGatewayConfig(settings.defaults, env));
  if (isClusterPrimary(config)) return runClusterPrimary(config);
  const observability = await createGatewayObservability(config);

  const adapter = createEdgeAdapter(config);
  const fastify = adapter.getInstance();
  addEdgeHooks(fastify, config, observability.lifecycle);
  registerRequestTelemetry(fastify, { app: config.app, logger: observability.logger, metrics: observability.metrics, tracer: observability.tracer, degradedHeader: DEGRADED_HEADER });
  addAdmissionControl(fastify, config, observability.metrics);
  addDegradedHeader(fastify);
  acceptJsonBodiesOnly(fastify);

  const nest = await createNestApp(adapter, rootModule(config), observability);
  compileRoutePipelines(nest, fastify);
  await registerEdgePlugins(nest, config, http);
  nest.setGlobalPrefix('api', { exclude: HEALTH_ROUTES });
  if (http.uriVersioning) nest.enableVersioning({ type: VersioningType.URI });
  await serveGatewayDocs(nest, settings, config);

  await listenOrExit('PORT', config.port, () => nest.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }));
  // In a cluster worker, the primary serves the metrics and prints the ready line for all workers.
  const metricsEndpoint = await serveGatewayMetrics(observability.metrics.registry, config);
  drainOnSignals(nest, { ...observability, graceMs: config.operations.shutdownGraceMs, closeMetrics: () => metricsEndpoint.close() });
  announceGateway(config.app, nest.getHttpServer().address() as AddressInfo, metricsEndpoint.url);
  // Once ready, so that the next start finds every module compiled (a killed process never writes it at exit).
  flushModuleCompileCache();
  return nest;
}

/**
 * The Nest app over the edge's adapter: the app's root module, with the observability instances
 * injectable everywhere and Nest's own log lines through the same pino logger. Nest registers no
 * body parsers of its own (see acceptJsonBodiesOnly).
 */
async function createNestApp(adapter: ReturnType<typeof createEdgeAdapter>, appModule: DynamicModule, observability: GatewayObservability): Promise<NestFastifyApplication> {
  const root: DynamicModule = {
    module: GatewayRootModule,
    imports: [
      GatewayObservabilityModule.forRoot(observability),
      // Request lines come from the request telemetry, not from pino-http.
      LoggerModule.forRoot({ pinoHttp: { logger: observability.logger }, forRoutes: [] }),
      appModule,
    ],
  };
  const nest = await NestFactory.create<NestFastifyApplication>(root, adapter, { bufferLogs: true, bodyParser: false });
  nest.useLogger(nest.get(Logger));
  return nest;
}
