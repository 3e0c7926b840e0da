import type { RequestTracer } from '@bff/observability';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayLifecycle } from '../gateway.lifecycle';

/**
 * How long the drain waits for buffered spans to reach the collector. A healthy collector takes
 * milliseconds; one that is down (the exporter retries for seconds) must not hold the exit up.
 */
const TRACE_FLUSH_MS = 2_000;

export interface DrainOptions {
  lifecycle: GatewayLifecycle;
  /** SHUTDOWN_GRACE_MS: how long requests in flight may take to finish. */
  graceMs: number;
  closeMetrics: () => void;
  tracer: RequestTracer;
  logger: { info(message: string): void; warn(message: string): void };
}

/**
 * SIGTERM (or SIGINT): readiness turns false at once, the server stops taking
 * connections, requests in flight finish (up to `graceMs`), idle keep-alive
 * sockets close, the spans still buffered are exported (for at most
 * TRACE_FLUSH_MS, within the same grace), then the process exits 0.
 */
export function drainOnSignals(nest: NestFastifyApplication, options: DrainOptions): void {
  const { lifecycle, graceMs, logger } = options;
  const drain = async (signal: NodeJS.Signals) => {
    if (lifecycle.shuttingDown) return;
    lifecycle.beginShutdown();
    logger.info(`${signal}: draining in-flight requests (up to ${graceMs} ms)`);
    const deadline = setTimeout(() => {
      logger.warn(`shutdown grace of ${graceMs} ms is over; exiting with requests still in flight`);
      process.exit(0);
    }, graceMs);
    deadline.unref();
    await nest.close();
    options.closeMetrics();
    // Failures are reported through the exporter's own error handler.
    await Promise.race([options.tracer.shutdown().catch(() => undefined), sleep(TRACE_FLUSH_MS, undefined, { ref: false })]);
    clearTimeout(deadline);
    logger.info('drained; exiting');
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void drain(signal));
  process.once('SIGINT', (signal) => void drain(signal));
}
