import { DownstreamTelemetry, GatewayMetrics } from '@bff/observability';
import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import type { MetricValueWithName } from 'prom-client';
import { z } from 'zod';
import { everyServiceAt, LoopbackServer } from '../testing';
import type { DownstreamCallContext } from './downstream-call.context';
import { DownstreamCancelledError, DownstreamUnavailableError } from './downstream.errors';
import { DownstreamHttp } from './downstream.http';
import { ServiceClientsModule } from './service-clients.module';
import { RequestCancellation } from './request.cancellation';
import { UpstreamRegistry } from './upstream.registry';

const okSchema = z.object({ ok: z.boolean() });

/** A stand-in service that answers after `delayMs`, and notes when each connection closed before its answer. */
class FakeService extends LoopbackServer {
  status = 200;
  delayMs = 0;
  readonly arrivals: number[] = [];
  /** Milliseconds from a request's arrival to its connection closing, for those closed before the answer went out. */
  readonly closedEarlyAfterMs: number[] = [];

  protected handle(_request: IncomingMessage, response: ServerResponse): void {
    const arrived = Date.now();
    this.arrivals.push(arrived);
    const timer = setTimeout(() => response.writeHead(this.status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true })), this.delayMs);
    response.on('close', () => {
      if (response.writableFinished) return;
      clearTimeout(timer);
      this.closedEarlyAfterMs.push(Date.now() - arrived);
    });
  }
}

describe("a request's cancellation", () => {
  let service: FakeService;
  let moduleRef: TestingModule;
  let http: DownstreamHttp;
  let registry: UpstreamRegistry;
  let metrics: GatewayMetrics;

  beforeEach(async () => {
    service = await new FakeService().start();
    metrics = new GatewayMetrics('test-bff');
    const telemetry = new DownstreamTelemetry(metrics, pino({ level: 'silent' }));
    @Global()
    @Module({ providers: [{ provide: DownstreamTelemetry, useValue: telemetry }], exports: [DownstreamTelemetry] })
    class TelemetryModule {}
    moduleRef = await Test.createTestingModule({
      imports: [
        TelemetryModule,
        ServiceClientsModule.forRoot({
          baseUrls: everyServiceAt(service.url),
          timeoutMs: 2_000,
          retry: { max: 2, baseDelayMs: 1_000 },
          circuit: { errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000, resetMs: 60_000 },
        }),
      ],
    }).compile();
    http = moduleRef.get(DownstreamHttp);
    registry = moduleRef.get(UpstreamRegistry);
  });

  afterEach(async () => {
    await moduleRef.close();
    await service.stop();
  });

  const get = (context: DownstreamCallContext) => http.get({ service: 'order', path: '/orders', schema: okSchema, context });

  it('ends a call in flight at once: the service sees its connection closed, and the call is cancelled, not failed', async () => {
    service.delayMs = 1_500;
    for (let i = 0; i < 3; i++) {
      const cancellation = new RequestCancellation();
      const pending = get({ cancellation });
      setTimeout(() => cancellation.cancel(), 50);
      await expect(pending).rejects.toBeInstanceOf(DownstreamCancelledError);
    }
    // The server hears of the last close a moment later.
    for (let waited = 0; service.closedEarlyAfterMs.length < 3 && waited < 1_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    // Closed soon after the abort, far from the service's 1,500 ms.
    expect(service.closedEarlyAfterMs).toHaveLength(3);
    for (const ms of service.closedEarlyAfterMs) expect(ms).toBeLessThan(500);
    // More calls than the volume threshold: had they counted, the circuit would be open.
    expect(registry.states().order).toBe('closed');
    const calls = (await metrics.registry.getSingleMetric('bff_downstream_request_duration_seconds')?.get())?.values as Array<MetricValueWithName<string>>;
    const counted = calls.filter(({ labels, metricName }) => metricName === 'bff_downstream_request_duration_seconds_count' && labels['service'] === 'order');
    expect(counted.map(({ labels, value }) => [labels['outcome'], value])).toEqual([['cancelled', 3]]);
  });

  it('starts no attempt once the request has given up', async () => {
    const cancellation = new RequestCancellation();
    cancellation.cancel();
    await expect(get({ cancellation })).rejects.toBeInstanceOf(DownstreamCancelledError);
    expect(service.arrivals).toHaveLength(0);
  });

  it('starts no retry after it: the failure it would have retried is the answer', async () => {
    service.status = 503;
    const cancellation = new RequestCancellation();
    const pending = get({ cancellation });
    // During the first back-off (500-1,000 ms): once the first 503 is in.
    while (service.arrivals.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const aborted = Date.now();
    cancellation.cancel();
    await expect(pending).rejects.toEqual(new DownstreamUnavailableError('order', 503));
    expect(Date.now() - aborted).toBeLessThan(300); // the back-off ends with the abort
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(service.arrivals).toHaveLength(1);
  });
});
