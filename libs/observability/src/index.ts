export * from './lib/downstream.telemetry';
export * from './lib/gateway.logger';
export * from './lib/gateway.metrics';
export * from './lib/metrics.server';
export * from './lib/trace-context';
