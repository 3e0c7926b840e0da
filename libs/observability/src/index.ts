export * from './lib/downstream.telemetry';
export * from './lib/gateway.logger';
export * from './lib/gateway.metrics';
export * from './lib/metrics.server';
// Not otlp.request-tracer: it loads the OpenTelemetry SDK, which only createRequestTracer may do, and only when asked.
export * from './lib/request.tracer';
export * from './lib/request.telemetry';
export * from './lib/trace-context';
