import { DownstreamTelemetry, GatewayMetrics } from '@bff/observability';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import pino from 'pino';
import { z } from 'zod';
import { DownstreamCircuitOpenError, DownstreamTimeoutError, DownstreamUnavailableError } from './downstream.errors';
import { DownstreamForwarder, type ForwardedRequest } from './downstream.forwarder';
import { DownstreamHttp } from './downstream.http';
import { UpstreamRegistry } from './upstream.registry';
import { ServiceClientsModule } from './service-clients.module';
import { everyServiceAt, LoopbackServer, serviceClientsAt } from '../testing';

/** A stand-in service on loopback whose answer each test sets, keeping what reached it. */
class FakeService extends LoopbackServer {
  status = 200;
  delayMs = 0;
  readonly requests: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];

  protected handle(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      this.requests.push({ method: request.method, url: request.url, headers: request.headers, body });
      setTimeout(() => response.writeHead(this.status, { 'content-type': 'application/json' }).end('{"ok":true}'), this.delayMs);
    });
  }
}

const text = async (body: Readable) => {
  let all = '';
  for await (const chunk of body) all += String(chunk);
  return all;
};

const ROUTE = 'route /catalog';
const caller = { requestId: 'r-1', userId: 'u42', accessToken: 'token-1' };

describe('DownstreamForwarder', () => {
  let service: FakeService;
  let forwarder: DownstreamForwarder;
  let http: DownstreamHttp;
  let registry: UpstreamRegistry;
  let close: () => Promise<void>;

  beforeEach(async () => {
    service = await new FakeService().start();
    const moduleRef = await serviceClientsAt(service.url, {
      retry: { max: 0, baseDelayMs: 5 },
      circuit: { errorThresholdPercent: 50, volumeThreshold: 4, windowMs: 10_000, resetMs: 60_000 },
    });
    forwarder = moduleRef.get(DownstreamForwarder);
    http = moduleRef.get(DownstreamHttp);
    registry = moduleRef.get(UpstreamRegistry);
    close = () => moduleRef.close();
  });
  afterEach(async () => {
    await close();
    await service.stop();
  });

  const forward = (overrides: Partial<ForwardedRequest> = {}) =>
    forwarder.forward({ service: 'catalog', method: 'GET', path: '/products/p1?x=1', headers: { accept: 'application/json' }, circuit: ROUTE, ...overrides });

  it("passes the request on with the gateway's own headers, and returns the service's answer unparsed", async () => {
    const response = await forward({
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: Readable.from(['a ', 'body']),
      context: { ...caller, deadlineAt: Date.now() + 300 },
    });
    expect(response.status).toBe(200);
    expect(await text(response.body)).toBe('{"ok":true}');
    const [seen] = service.requests;
    expect(seen).toMatchObject({ method: 'POST', url: '/products/p1?x=1', body: 'a body' });
    expect(seen?.headers).toMatchObject({ 'x-request-id': 'r-1', 'content-type': 'text/plain' });
    expect(Number(seen?.headers['x-deadline-ms'])).toBeLessThanOrEqual(300);
  });

  it.each([
    [undefined, undefined, undefined],
    ['none', undefined, undefined],
    ['user-id', 'u42', undefined],
    ['access-token', undefined, 'Bearer token-1'],
  ] as const)("sends the caller's identity only as the route declares it (%s)", async (credentials, userId, authorization) => {
    await text((await forward({ context: caller, ...(credentials ? { credentials } : {}) })).body);
    expect(service.requests[0]?.headers['x-user-id']).toBe(userId);
    expect(service.requests[0]?.headers['authorization']).toBe(authorization);
  });

  it("never passes a client's copy of a header the gateway writes itself", async () => {
    await text(
      (
        await forward({
          headers: {
            accept: 'application/json',
            'X-User-Id': 'admin',
            authorization: 'Bearer stolen',
            'x-request-id': 'forged',
            'x-deadline-ms': '999999',
            traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          },
          context: { requestId: 'r-1', deadlineAt: Date.now() + 300 },
        })
      ).body,
    );
    const headers = service.requests[0]?.headers ?? {};
    expect({ userId: headers['x-user-id'], authorization: headers['authorization'], requestId: headers['x-request-id'], traceparent: headers['traceparent'] }).toEqual({
      userId: undefined,
      authorization: undefined,
      requestId: 'r-1',
      traceparent: undefined,
    });
    expect(Number(headers['x-deadline-ms'])).toBeLessThanOrEqual(300);
    expect(headers['accept']).toBe('application/json');
  });

  it('returns a 4xx as the service gave it, without counting it as a failure', async () => {
    service.status = 404;
    for (let i = 0; i < 5; i++) expect((await forward()).status).toBe(404);
    expect(registry.routeStates()).toEqual({ [ROUTE]: 'closed' });
  });

  it('turns a 5xx into DownstreamUnavailableError, and a service too slow for the deadline into DownstreamTimeoutError', async () => {
    service.status = 503;
    await expect(forward()).rejects.toEqual(new DownstreamUnavailableError('catalog', 503));

    service.status = 200;
    service.delayMs = 1_000;
    const started = performance.now();
    await expect(forward({ context: { deadlineAt: Date.now() + 150 } })).rejects.toBeInstanceOf(DownstreamTimeoutError);
    expect(performance.now() - started).toBeLessThan(400);
    await expect(forward({ context: { deadlineAt: Date.now() - 1 } })).rejects.toEqual(new DownstreamTimeoutError('catalog', 0, 'deadline'));
  });

  it("opens the route's own circuit only: the service's circuit, the typed clients' calls and readiness's states are untouched", async () => {
    service.status = 503;
    for (let i = 0; i < 4; i++) await expect(forward()).rejects.toBeInstanceOf(DownstreamUnavailableError);
    expect(registry.routeStates()).toEqual({ [ROUTE]: 'open' });
    const reached = service.requests.length;

    await expect(forward()).rejects.toEqual(new DownstreamCircuitOpenError('catalog'));
    expect(service.requests).toHaveLength(reached);
    // Another route to the same service has a circuit of its own.
    await expect(forward({ circuit: 'route /catalog-admin' })).rejects.toEqual(new DownstreamUnavailableError('catalog', 503));

    expect(registry.states()).toEqual({ user: 'closed', order: 'closed', catalog: 'closed', recommendation: 'closed', identity: 'closed' });
    service.status = 200;
    await expect(http.get({ service: 'catalog', path: '/products?ids=p1', schema: z.object({ ok: z.boolean() }) })).resolves.toEqual({ ok: true });
    expect(service.requests).toHaveLength(reached + 2);
  });

  it('puts a route that names no circuit behind one for pass-through calls to the service, apart from its own', async () => {
    service.status = 503;
    for (let i = 0; i < 4; i++) await expect(forward({ circuit: undefined })).rejects.toBeInstanceOf(DownstreamUnavailableError);
    expect(registry.routeStates()).toEqual({ 'pass-through catalog': 'open' });
    expect(registry.states().catalog).toBe('closed');
  });

  it("fails with the request body's own error, which is no failure of the service", async () => {
    // More than the circuit's volume threshold: had they counted, it would be open.
    for (let i = 0; i < 5; i++) {
      // A client that sends a part, then nothing until it goes away.
      const body = new Readable({ read: () => undefined });
      body.push('part');
      const sent = forward({ method: 'POST', body });
      setTimeout(() => body.destroy(new Error('client went away')), 20);
      await expect(sent).rejects.toThrow('client went away');
    }
    expect(registry.routeStates()).toEqual({ [ROUTE]: 'closed' });
  });
});

describe('route circuits in the metrics', () => {
  const metrics = new GatewayMetrics('test-bff');
  const telemetry = new DownstreamTelemetry(metrics, pino({ level: 'silent' }));

  @Global()
  @Module({ providers: [{ provide: DownstreamTelemetry, useValue: telemetry }], exports: [DownstreamTelemetry] })
  class TelemetryModule {}

  it("reports a route's circuit in a gauge of its own, and the service's own circuit as it is", async () => {
    const service = await new FakeService().start();
    service.status = 503;
    const moduleRef = await Test.createTestingModule({
      imports: [
        TelemetryModule,
        ServiceClientsModule.forRoot({
          baseUrls: everyServiceAt(service.url),
          timeoutMs: 500,
          circuit: { errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000, resetMs: 60_000 },
        }),
      ],
    }).compile();
    try {
      const forwarder = moduleRef.get(DownstreamForwarder);
      for (let i = 0; i < 2; i++) {
        await expect(forwarder.forward({ service: 'catalog', method: 'GET', path: '/products', headers: {}, circuit: ROUTE })).rejects.toBeInstanceOf(DownstreamUnavailableError);
      }
      const values = async (name: string) => (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
      expect(await values('bff_route_circuit_breaker_state')).toEqual([
        expect.objectContaining({ value: 2, labels: expect.objectContaining({ circuit: ROUTE, service: 'catalog' }) }),
      ]);
      expect((await values('bff_circuit_breaker_state')).find(({ labels }) => labels['service'] === 'catalog')?.value).toBe(0);
    } finally {
      await moduleRef.close();
      await service.stop();
    }
  });
});
