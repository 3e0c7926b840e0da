import type { GatewayConfig } from '@bff/config';
import { createGatewayLogger, createRequestTracer, DownstreamTelemetry, GatewayMetrics, RequestTracer } from '@bff/observability';
import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { GatewayLifecycle } from '../gateway.lifecycle';

export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');

export interface GatewayObservability {
  logger: PinoLogger;
  metrics: GatewayMetrics;
  telemetry: DownstreamTelemetry;
  /** The no-op tracer unless OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracer: RequestTracer;
  lifecycle: GatewayLifecycle;
}

/**
 * The gateway's logger (pretty in development), metrics, downstream telemetry, tracer (exporting
 * over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set) and lifecycle, made before Nest exists.
 */
export async function createGatewayObservability(config: GatewayConfig): Promise<GatewayObservability> {
  const logger = createGatewayLogger({ app: config.app, level: config.operations.logLevel, pretty: config.environment === 'development' });
  const metrics = new GatewayMetrics(config.app);
  const { otlpEndpoint } = config.operations;
  const tracer = await createRequestTracer({
    serviceName: config.app,
    otlpEndpoint,
    onExportError: (message) => logger.warn({ otlpEndpoint }, `trace export: ${message}`),
  });
  if (tracer.enabled) logger.info({ otlpEndpoint }, 'exporting traces over OTLP/HTTP');
  return { logger, metrics, tracer, telemetry: new DownstreamTelemetry(metrics, logger), lifecycle: new GatewayLifecycle() };
}

/** The instances bootstrap made (it needs them before Nest exists), injectable everywhere. */
@Module({})
export class GatewayObservabilityModule {
  static forRoot(observability: GatewayObservability): DynamicModule {
    const providers = [
      { provide: GATEWAY_LOGGER, useValue: observability.logger },
      { provide: GatewayMetrics, useValue: observability.metrics },
      { provide: DownstreamTelemetry, useValue: observability.telemetry },
      { provide: RequestTracer, useValue: observability.tracer },
      { provide: GatewayLifecycle, useValue: observability.lifecycle },
    ];
    return { module: GatewayObservabilityModule, global: true, providers, exports: providers.map((p) => p.provide) };
  }
}
