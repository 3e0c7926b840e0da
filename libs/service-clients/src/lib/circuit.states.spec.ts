import { DownstreamTelemetry, GatewayMetrics } from '@bff/observability';
import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { z } from 'zod';
import { everyServiceAt, LoopbackServer } from '../testing';
import { DownstreamCircuitOpenError, DownstreamContractError, DownstreamUnavailableError } from './downstream.errors';
import { DownstreamHttp } from './downstream.http';
import { ServiceClientsModule } from './service-clients.module';
import type { ServiceClientsOptions } from './service-clients.options';
import { RequestCancellation } from './request.cancellation';
import { UpstreamRegistry } from './upstream.registry';

const userSchema = z.object({ id: z.string(), name: z.string() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stand-in user service whose answer each test sets: a status, a raw body, a delay. */
class FakeService extends LoopbackServer {
  status = 200;
  body = JSON.stringify({ id: 'u1', name: 'Ada' });
  delayMs = 0;
  requests = 0;

  protected handle(_request: IncomingMessage, response: ServerResponse): void {
    this.requests++;
    setTimeout(() => response.writeHead(this.status, { 'content-type': 'application/json' }).end(this.body), this.delayMs);
  }
}

describe('circuit states and contract breaches', () => {
  let service: FakeService;
  let moduleRef: TestingModule;
  let http: DownstreamHttp;
  let registry: UpstreamRegistry;
  let metrics: GatewayMetrics;
  let logLines: string[];

  async function start(options: Partial<ServiceClientsOptions>) {
    service = await new FakeService().start();
    metrics = new GatewayMetrics('test-bff');
    logLines = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (logLines.push(chunk.toString()), done()) });
    const telemetry = new DownstreamTelemetry(metrics, pino({ level: 'warn' }, sink));
    @Global()
    @Module({ providers: [{ provide: DownstreamTelemetry, useValue: telemetry }], exports: [DownstreamTelemetry] })
    class TelemetryModule {}
    moduleRef = await Test.createTestingModule({
      imports: [TelemetryModule, ServiceClientsModule.forRoot({ baseUrls: everyServiceAt(service.url), timeoutMs: 500, retry: { max: 0, baseDelayMs: 5 }, ...options })],
    }).compile();
    http = moduleRef.get(DownstreamHttp);
    registry = moduleRef.get(UpstreamRegistry);
  }

  afterEach(async () => {
    await moduleRef.close();
    await service.stop();
  });

  const getUser = () => http.get({ service: 'user', path: '/users/u1', schema: userSchema });
  const metric = async (name: string, service: string) =>
    (await metrics.registry.getSingleMetric(name)?.get())?.values.find(({ labels }) => labels['service'] === service)?.value;

  it('never opens the circuit for answers that break the contract, and counts them as breaches naming the field', async () => {
    await start({ circuit: { errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000, resetMs: 60_000 } });
    service.body = JSON.stringify({ id: 31337, name: 'Ada' });
    for (let i = 0; i < 10; i++) await expect(getUser()).rejects.toBeInstanceOf(DownstreamContractError);
    service.body = '<html>not JSON</html>';
    for (let i = 0; i < 10; i++) await expect(getUser()).rejects.toThrow('user service broke its contract: response body is not JSON');

    expect(registry.states().user).toBe('closed');
    expect(service.requests).toBe(20);
    expect(await metric('bff_downstream_contract_breaches_total', 'user')).toBe(20);
    const first = JSON.parse(logLines[0] ?? '{}') as { msg?: string; breach?: string };
    expect(first.msg).toBe('contract breach: user service: unexpected response body: body.id: Invalid input: expected string, received number');
    // The field is named; its value is not.
    expect(`${first.msg} ${first.breach}`).not.toContain('31337');
  });

  it('still opens it for 5xx answers', async () => {
    await start({ circuit: { errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000, resetMs: 60_000 } });
    service.status = 503;
    for (let i = 0; i < 2; i++) await expect(getUser()).rejects.toBeInstanceOf(DownstreamUnavailableError);
    expect(registry.states().user).toBe('open');
  });

  it('while open, refuses at once with the seconds until its probe', async () => {
    await start({ circuit: { errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000, resetMs: 3_500 } });
    service.status = 503;
    for (let i = 0; i < 2; i++) await expect(getUser()).rejects.toBeInstanceOf(DownstreamUnavailableError);
    const refused = await getUser().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DownstreamCircuitOpenError);
    expect((refused as DownstreamCircuitOpenError).retryAfterSeconds).toBe(4);
    expect(service.requests).toBe(2);
  });

  it('half-open with concurrent callers: one probe reaches the service, the others are refused with the named error', async () => {
    await start({ circuit: { errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000, resetMs: 200 } });
    service.status = 503;
    for (let i = 0; i < 2; i++) await expect(getUser()).rejects.toBeInstanceOf(DownstreamUnavailableError);
    service.status = 200;
    service.delayMs = 100;
    await sleep(250);
    expect(registry.states().user).toBe('half-open');

    const answers = await Promise.allSettled(Array.from({ length: 10 }, () => getUser()));

    expect(service.requests).toBe(3);
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
    const refusals = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as unknown] : []));
    expect(refusals).toHaveLength(9);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(DownstreamCircuitOpenError);
      expect((refusal as DownstreamCircuitOpenError).retryAfterSeconds).toBe(1);
    }
    expect(registry.states().user).toBe('closed');
  });

  it('a half-open probe runs on when its request gives up on it, and its answer closes the circuit', async () => {
    await start({ circuit: { errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000, resetMs: 200 } });
    service.status = 503;
    for (let i = 0; i < 2; i++) await expect(getUser()).rejects.toBeInstanceOf(DownstreamUnavailableError);
    service.status = 200;
    service.delayMs = 100;
    await sleep(250);

    const cancellation = new RequestCancellation();
    const probe = http.get({ service: 'user', path: '/users/u1', schema: userSchema, context: { cancellation } });
    setTimeout(() => cancellation.cancel(), 20);
    await expect(probe).resolves.toEqual({ id: 'u1', name: 'Ada' });
    expect(registry.states().user).toBe('closed');
  });
});
