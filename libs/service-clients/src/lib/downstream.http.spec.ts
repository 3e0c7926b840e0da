import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  DownstreamCircuitOpenError,
  DownstreamContractError,
  DownstreamTimeoutError,
  DownstreamUnavailableError,
} from './downstream.errors';
import { DownstreamHttp } from './downstream.http';
import { UpstreamRegistry } from './upstream.registry';
import { LoopbackServer, serviceClientsAt } from '../testing';
import type { ServiceClientsOptions } from './service-clients.options';

const okSchema = z.object({ ok: z.boolean() });

/** A stand-in service on loopback whose answer each test sets, counting what reaches it. */
class FakeService extends LoopbackServer {
  status = 200;
  delayMs = 0;
  readonly requests: IncomingMessage[] = [];

  protected handle(request: IncomingMessage, response: ServerResponse): void {
    this.requests.push(request);
    setTimeout(() => response.writeHead(this.status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true })), this.delayMs);
  }
}

describe('DownstreamHttp resilience', () => {
  let service: FakeService;
  let http: DownstreamHttp;
  let registry: UpstreamRegistry;
  let close: () => Promise<void>;

  async function start(options: Partial<ServiceClientsOptions> = {}) {
    service = await new FakeService().start();
    const moduleRef = await serviceClientsAt(service.url, {
      retry: { max: 2, baseDelayMs: 5 },
      circuit: { errorThresholdPercent: 50, volumeThreshold: 1000, windowMs: 10_000, resetMs: 5_000 },
      ...options,
    });
    http = moduleRef.get(DownstreamHttp);
    registry = moduleRef.get(UpstreamRegistry);
    close = () => moduleRef.close();
  }

  afterEach(async () => {
    await close();
    await service.stop();
  });

  const get = (context = {}) => http.get({ service: 'order', path: '/orders', schema: okSchema, context });

  it.each([
    [503, 3],
    [502, 3],
    [504, 3],
    [500, 1],
    [400, 1],
    [404, 1],
  ])('a GET answered %i reaches the service %i time(s)', async (status, attempts) => {
    await start();
    service.status = status;
    await expect(get()).rejects.toBeInstanceOf(status >= 500 ? DownstreamUnavailableError : DownstreamContractError);
    expect(service.requests).toHaveLength(attempts);
  });

  it('never retries a POST without an Idempotency-Key, and does retry one with it', async () => {
    await start();
    service.status = 503;
    await expect(http.post({ service: 'order', path: '/orders', body: {}, schema: okSchema })).rejects.toBeInstanceOf(DownstreamUnavailableError);
    expect(service.requests).toHaveLength(1);

    await expect(http.post({ service: 'order', path: '/orders', body: {}, schema: okSchema, idempotencyKey: 'k-1' })).rejects.toBeInstanceOf(
      DownstreamUnavailableError,
    );
    expect(service.requests).toHaveLength(4);
    expect(service.requests[3]?.headers['idempotency-key']).toBe('k-1');
  });

  it('gives a call only the time the request has left, tells the service, and makes none when none is left', async () => {
    await start();
    await get({ deadlineAt: Date.now() + 300 });
    expect(Number(service.requests[0]?.headers['x-deadline-ms'])).toBeGreaterThan(150);
    expect(Number(service.requests[0]?.headers['x-deadline-ms'])).toBeLessThanOrEqual(300);

    await expect(get({ deadlineAt: Date.now() - 1 })).rejects.toEqual(new DownstreamTimeoutError('order', 0, 'deadline'));
    expect(service.requests).toHaveLength(1);

    service.delayMs = 1_000;
    const started = Date.now();
    await expect(get({ deadlineAt: Date.now() + 150 })).rejects.toBeInstanceOf(DownstreamTimeoutError);
    expect(Date.now() - started).toBeLessThan(600); // the deadline, not the service's 1,000 ms
  });

  it('opens the circuit past the threshold: calls then fail fast without reaching the service, until a probe succeeds', async () => {
    await start({ retry: { max: 0, baseDelayMs: 5 }, circuit: { errorThresholdPercent: 50, volumeThreshold: 4, windowMs: 10_000, resetMs: 200 } });
    service.status = 503;
    for (let i = 0; i < 4; i++) await expect(get()).rejects.toBeInstanceOf(DownstreamUnavailableError);
    expect(registry.states().order).toBe('open');

    // The median of a few, so that one garbage-collection pause does not decide it.
    const durations: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await expect(get()).rejects.toBeInstanceOf(DownstreamCircuitOpenError);
      durations.push(performance.now() - started);
    }
    expect(durations.sort((a, b) => a - b)[2]).toBeLessThan(20);
    expect(service.requests).toHaveLength(4);
    expect(registry.states().user).toBe('closed');

    service.status = 200;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(registry.states().order).toBe('half-open');
    await expect(get()).resolves.toEqual({ ok: true });
    expect(registry.states().order).toBe('closed');
  });

  it('does not count against the circuit a call the request\'s deadline cut short: the request came late, the service may be fine', async () => {
    await start({ timeoutMs: 1_000, retry: { max: 0, baseDelayMs: 5 }, circuit: { errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000, resetMs: 5_000 } });
    service.delayMs = 200;
    for (let i = 0; i < 4; i++) await expect(get({ deadlineAt: Date.now() + 50 })).rejects.toMatchObject({ name: DownstreamTimeoutError.name, reason: 'deadline' });
    expect(registry.states().order).toBe('closed');
    // The call's own timeout does count.
    await close();
    await service.stop();
    await start({ timeoutMs: 50, retry: { max: 0, baseDelayMs: 5 }, circuit: { errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000, resetMs: 5_000 } });
    service.delayMs = 200;
    for (let i = 0; i < 2; i++) await expect(get({ deadlineAt: Date.now() + 2_000 })).rejects.toMatchObject({ name: DownstreamTimeoutError.name, reason: 'timeout' });
    expect(registry.states().order).toBe('open');
  });

  it('does not count 4xx answers against the circuit', async () => {
    await start({ retry: { max: 0, baseDelayMs: 5 }, circuit: { errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000, resetMs: 5_000 } });
    service.status = 400;
    for (let i = 0; i < 5; i++) await expect(get()).rejects.toBeInstanceOf(DownstreamContractError);
    expect(registry.states().order).toBe('closed');
  });

  it("sends the caller's identity only as the call declares it: nothing by default", async () => {
    await start();
    const context = { requestId: 'r-1', userId: 'u42', accessToken: 'tok.en.sig' };
    const sent = async (credentials?: 'none' | 'user-id' | 'access-token') => {
      await http.get({ service: 'order', path: '/orders', schema: okSchema, credentials, context });
      const { headers } = service.requests[service.requests.length - 1] ?? { headers: {} };
      return { userId: headers['x-user-id'], authorization: headers['authorization'], requestId: headers['x-request-id'] };
    };
    expect(await sent()).toEqual({ userId: undefined, authorization: undefined, requestId: 'r-1' });
    expect(await sent('none')).toEqual({ userId: undefined, authorization: undefined, requestId: 'r-1' });
    expect(await sent('user-id')).toEqual({ userId: 'u42', authorization: undefined, requestId: 'r-1' });
    expect(await sent('access-token')).toEqual({ userId: undefined, authorization: 'Bearer tok.en.sig', requestId: 'r-1' });
  });

  it('runs identical GETs of one request once', async () => {
    await start();
    service.delayMs = 20;
    const inflight = new Map<string, Promise<unknown>>();
    const results = await Promise.all([get({ inflight }), get({ inflight }), get({ inflight })]);
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(service.requests).toHaveLength(1);
  });
});
