import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AggregatorRegistry, type Registry } from 'prom-client';

/** Whatever answers a scrape: a registry, or the sum of a cluster's workers' registries. */
export interface MetricsSource {
  metrics(): Promise<string>;
  readonly contentType: string;
}

/** Serves `GET /metrics` in Prometheus text format on a port of its own; resolves with its URL. */
export async function startMetricsServer(source: MetricsSource, host: string, port: number): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    source.metrics().then(
      (body) => response.writeHead(200, { 'content-type': source.contentType }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return { url: `http://${shown}:${address.port}/metrics`, server };
}

/**
 * In a cluster's primary: every scrape asks each worker for its metrics (over the cluster's IPC
 * channel) and answers their sum, series by series (counters and histograms added up; process
 * gauges as prom-client aggregates each). Workers answer once they call `reportMetricsToPrimary`.
 */
export function clusterMetricsSource(): MetricsSource {
  const aggregator = new AggregatorRegistry();
  return { metrics: () => aggregator.clusterMetrics(), contentType: aggregator.contentType };
}

/** In a cluster's worker: answers the primary's requests for metrics with this registry's. */
export function reportMetricsToPrimary(registry: Registry): void {
  if (!cluster.isWorker) throw new Error('reportMetricsToPrimary is for cluster workers');
  // Constructing one is what makes prom-client answer the primary in a worker.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}
