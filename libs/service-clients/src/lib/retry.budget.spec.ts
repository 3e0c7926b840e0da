import { DownstreamTelemetry, GatewayMetrics } from '@bff/observability';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import { z } from 'zod';
import { everyServiceAt, LoopbackServer } from '../testing';
import { DownstreamUnavailableError } from './downstream.errors';
import { DownstreamHttp } from './downstream.http';
import { RetryBudget } from './retry.budget';
import { ServiceClientsModule } from './service-clients.module';

describe('RetryBudget', () => {
  let now = 1_000_000;
  const budget = () => new RetryBudget({ percent: 20, windowMs: 10_000, minRetries: 3 }, () => now);

  it('allows the floor however few the calls, then a fifth of the calls in the window', () => {
    const retries = budget();
    retries.recordCall();
    expect([retries.tryRetry(), retries.tryRetry(), retries.tryRetry(), retries.tryRetry()]).toEqual([true, true, true, false]);
    for (let i = 0; i < 19; i++) retries.recordCall();
    // 20 calls: 4 retries in all, 3 of them spent.
    expect(retries.remaining()).toBe(1);
    expect([retries.tryRetry(), retries.tryRetry()]).toEqual([true, false]);
    for (let i = 0; i < 5; i++) retries.recordCall();
    expect(retries.tryRetry()).toBe(true);
  });

  it('forgets calls and retries once they are a window old', () => {
    const retries = budget();
    for (let i = 0; i < 50; i++) retries.recordCall();
    for (let i = 0; i < 10; i++) retries.tryRetry();
    expect(retries.remaining()).toBe(0);
    now += 5_000;
    expect(retries.remaining()).toBe(0);
    now += 5_000;
    // The calls and the retries have left the window together: the floor again.
    expect(retries.remaining()).toBe(3);
  });
});

/** A stand-in service that fails every call with 503, counting them. */
class FailingService extends LoopbackServer {
  requests = 0;
  protected handle(_request: IncomingMessage, response: ServerResponse): void {
    this.requests++;
    response.writeHead(503).end();
  }
}

describe('retries of a failing service', () => {
  it('stay within its budget, and the budget and its spending are in the metrics', async () => {
    const service = await new FailingService().start();
    const metrics = new GatewayMetrics('test-bff');
    const telemetry = new DownstreamTelemetry(metrics, pino({ level: 'silent' }));
    @Global()
    @Module({ providers: [{ provide: DownstreamTelemetry, useValue: telemetry }], exports: [DownstreamTelemetry] })
    class TelemetryModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        TelemetryModule,
        ServiceClientsModule.forRoot({
          baseUrls: everyServiceAt(service.url),
          timeoutMs: 500,
          retry: { max: 2, baseDelayMs: 1 },
          circuit: { errorThresholdPercent: 50, volumeThreshold: 100_000, windowMs: 10_000, resetMs: 5_000 },
        }),
      ],
    }).compile();
    try {
      const http = moduleRef.get(DownstreamHttp);
      const calls = 30;
      for (let i = 0; i < calls; i++) {
        await expect(http.get({ service: 'order', path: '/orders', schema: z.object({}) })).rejects.toBeInstanceOf(DownstreamUnavailableError);
      }
      // Without a budget, 3 attempts per call (90); with it, 20% of 30 calls, so 6 retries at most.
      expect(service.requests).toBeLessThanOrEqual(calls * 1.2 + 3);
      expect(service.requests).toBeGreaterThanOrEqual(calls + 3);
      const values = async (name: string) => (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
      const retries = (await values('bff_downstream_retries_total')).filter(({ labels }) => labels['service'] === 'order');
      const count = (outcome: string) => retries.find(({ labels }) => labels['outcome'] === outcome)?.value ?? 0;
      expect(count('allowed')).toBe(service.requests - calls);
      expect(count('allowed') + count('refused')).toBeGreaterThan(calls);
      const remaining = (await values('bff_retry_budget_remaining')).map(({ labels, value }) => [labels['service'], value]);
      expect(remaining).toEqual(expect.arrayContaining([['order', 0], ['user', 3]]));
    } finally {
      await moduleRef.close();
      await service.stop();
    }
  });
});
