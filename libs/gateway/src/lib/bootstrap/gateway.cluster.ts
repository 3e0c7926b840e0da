import { announceReady, listenOrExit } from '@bff/app-process';
import type { GatewayConfig } from '@bff/config';
import { clusterMetricsSource, createGatewayLogger, type MetricsSource, reportMetricsToPrimary, startMetricsServer } from '@bff/observability';
import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** What a worker tells its primary once its server listens. */
interface ListeningMessage {
  type: 'bff:listening';
  address: AddressInfo;
}

const isListeningMessage = (message: unknown): message is ListeningMessage =>
  (message as { type?: unknown } | null)?.type === 'bff:listening';

/** How long the primary waits past SHUTDOWN_GRACE_MS for draining workers before it stops them. */
const WORKER_EXIT_MARGIN_MS = 2_000;

/**
 * True in the process that was started when CLUSTER_WORKERS is more than 1: it is the cluster's
 * primary and serves no requests itself (`runClusterPrimary`). False with one worker, and in
 * the workers, which run the gateway as usual.
 */
export function isClusterPrimary(config: GatewayConfig): boolean {
  return cluster.isPrimary && config.clusterWorkers > 1;
}

/**
 * The primary of CLUSTER_WORKERS node:cluster workers, each a whole gateway sharing the port
 * (connections are handed to them in turn). It starts them; once all of them listen it serves
 * their metrics, summed, on METRICS_PORT and prints the ready line, once. A worker that dies is
 * replaced (with a log line); one that dies before it ever listened fails the start (exit 1), as a
 * single gateway would. On SIGTERM (or SIGINT) it passes the signal on, waits while the workers
 * drain as a single gateway does, and exits 0. Never resolves: the process ends through exit.
 */
export async function runClusterPrimary(config: GatewayConfig): Promise<never> {
  const { app } = config;
  const logger = createGatewayLogger({ app, level: config.operations.logLevel, pretty: config.environment === 'development' });
  const metrics = clusterMetricsSource();
  let shuttingDown = false;
  const listening = new Set<Worker>();

  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (isListeningMessage(message)) {
        listening.add(worker);
        onListening(message.address);
      }
    });
    return worker;
  };
  let onListening: (address: AddressInfo) => void = () => undefined;
  const allListening = new Promise<AddressInfo>((resolve) => {
    onListening = (address) => {
      if (listening.size === config.clusterWorkers) resolve(address);
    };
  });

  cluster.on('exit', (worker, code, signal) => {
    if (shuttingDown) return;
    if (!listening.has(worker)) {
      // It never listened: the start failed (its own line, e.g. a taken PORT, is already out).
      shuttingDown = true;
      logger.error(`worker ${worker.process.pid} exited before it listened (${signal ?? `code ${code}`}); stopping`);
      stopWorkers('SIGKILL');
      logger.flush(() => process.exit(1));
      return;
    }
    listening.delete(worker);
    const replacement = fork();
    logger.warn(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); started worker ${replacement.process.pid} in its place`);
  });
  const stopWorkers = (signal: NodeJS.Signals) => {
    for (const worker of Object.values(cluster.workers ?? {})) if (worker && !worker.isDead()) worker.process.kill(signal);
  };
  /** Its server is set once all workers listen. */
  const metricsEndpoint: { server?: Server } = {};
  const drain = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info(`${signal}: draining ${config.clusterWorkers} workers`);
    stopWorkers('SIGTERM');
    const deadline = setTimeout(() => {
      logger.warn('workers still running past the shutdown grace; stopping them');
      stopWorkers('SIGKILL');
      process.exit(0);
    }, config.operations.shutdownGraceMs + WORKER_EXIT_MARGIN_MS);
    deadline.unref();
    const exitWhenAllGone = () => {
      if (Object.values(cluster.workers ?? {}).some((worker) => worker && !worker.isDead())) return;
      metricsEndpoint.server?.close();
      logger.info('workers drained; exiting');
      logger.flush(() => process.exit(0));
    };
    cluster.on('exit', exitWhenAllGone);
    exitWhenAllGone();
  };
  process.once('SIGTERM', drain);
  process.once('SIGINT', drain);

  for (let i = 0; i < config.clusterWorkers; i++) fork();
  const address = await allListening;
  const served = await serveClusterMetrics(config, metrics);
  metricsEndpoint.server = served.server;
  logger.info(`${config.clusterWorkers} workers listening`);
  // The metrics line first: whoever waits for the ready line has both.
  process.stdout.write(`${app} metrics on ${served.url}\n`);
  announceReady(app, address);
  return new Promise<never>(() => undefined);
}

function serveClusterMetrics(config: GatewayConfig, metrics: MetricsSource): Promise<{ url: string; server: Server }> {
  return listenOrExit('METRICS_PORT', config.operations.metricsPort, () => startMetricsServer(metrics, config.host, config.operations.metricsPort));
}

/**
 * The gateway's metrics endpoint on METRICS_PORT, or in a cluster worker none: the worker answers
 * its primary's scrapes instead, and the primary serves the sum. Resolves with what closes it.
 */
export async function serveGatewayMetrics(registry: Registry, config: GatewayConfig): Promise<{ url?: string; close(): void }> {
  if (cluster.isWorker) {
    reportMetricsToPrimary(registry);
    return { close: () => undefined };
  }
  const { url, server } = await listenOrExit('METRICS_PORT', config.operations.metricsPort, () =>
    startMetricsServer(registry, config.host, config.operations.metricsPort),
  );
  return { url, close: () => server.close() };
}

/**
 * The ready line (and where the metrics are), or in a cluster worker a message to the primary,
 * which prints them once for all its workers.
 */
export function announceGateway(app: string, address: AddressInfo, metricsUrl: string | undefined): void {
  if (cluster.isWorker) {
    const message: ListeningMessage = { type: 'bff:listening', address };
    process.send?.(message);
    return;
  }
  // The metrics line first: whoever waits for the ready line has both.
  process.stdout.write(`${app} metrics on ${metricsUrl}\n`);
  announceReady(app, address);
}
