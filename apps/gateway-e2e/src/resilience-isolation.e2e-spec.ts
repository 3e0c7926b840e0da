import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faults } from './support/fault.admin';
import { metric } from './support/metrics.reader';
import { call, expectApiError } from './support/http.client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A service the gateway did not write, on loopback: answers as `answer` says, and notes when each request's connection closed. */
class FakeService {
  url = '';
  /** For each request: when it arrived, and when its connection closed before the answer went out (never, if it was answered). */
  readonly requests: Array<{ path: string; arrivedAt: number; closedEarlyAt?: number }> = [];
  private readonly server: Server;

  constructor(answer: (request: IncomingMessage, response: ServerResponse) => void) {
    this.server = createServer((request, response) => {
      const seen: { path: string; arrivedAt: number; closedEarlyAt?: number } = { path: request.url ?? '', arrivedAt: Date.now() };
      this.requests.push(seen);
      response.on('close', () => {
        if (!response.writableFinished) seen.closedEarlyAt = Date.now();
      });
      answer(request, response);
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A value of a broken body that must never reach a log line; with a fraction, so no timestamp or duration can contain it. */
const LEAKED_ID = 31337.4242;

const json = (response: ServerResponse, body: string) => response.writeHead(200, { 'content-type': 'application/json' }).end(body);

describe('resilience against services the gateway did not write', () => {
  let system: RunningSystem;
  const fakes: FakeService[] = [];
  const gateways: RunningApp[] = [];
  // Rate limits out of the way: each test sends one user's requests in dozens.
  const env = { NODE_ENV: 'test', RETRY_BASE_DELAY_MS: '10', THROTTLE_LIMIT: '100000', THROTTLE_BURST_LIMIT: '100000' };

  const startWebBff = async (more: Record<string, string>) => {
    const app = await launchApp('web-bff', { env: { ...system.gatewayEnv, ...env, PORT: '0', METRICS_PORT: '0', ...more }, readyTimeoutMs: 60_000 });
    gateways.push(app);
    return app;
  };
  const startFake = async (answer: (request: IncomingMessage, response: ServerResponse) => void) => {
    const fake = await new FakeService(answer).start();
    fakes.push(fake);
    return fake;
  };

  beforeAll(async () => {
    system = await launchSystem({ auth: 'development-secret', gateways: [], launch: { readyTimeoutMs: 60_000 } });
  }, 90_000);
  afterAll(async () => {
    await Promise.all(gateways.map((app) => app.stop()));
    await Promise.all(fakes.map((fake) => fake.stop()));
    await system?.stop();
  });
  afterEach(() => faults.clear(...Object.values(system.services)));

  it('a service breaking its contract on every call gets 502s (a degraded 200 for an optional part), counted as breaches, and its circuit stays closed', async () => {
    let calls = 0;
    // User u42 is served as the contract says (so that the home screen can be built); anyone else's
    // body breaks it, in turn with a wrong field and with a body that is not JSON; recommendations always do.
    const breaking = await startFake((request, response) => {
      if (request.url === '/users/u42') {
        return json(response, JSON.stringify({ id: 'u42', name: 'Ada', email: 'ada@example.com', avatarUrl: 'https://cdn.example.com/a.png', tier: 'gold', createdAt: '2024-01-01T00:00:00.000Z' }));
      }
      calls++;
      json(response, calls % 2 === 0 ? '<html>Service Unavailable</html>' : JSON.stringify({ id: LEAKED_ID, items: 'none' }));
    });
    const bff = await startWebBff({ USER_SERVICE_URL: breaking.url, RECOMMENDATION_SERVICE_URL: breaking.url, CIRCUIT_VOLUME_THRESHOLD: '10' });

    const profiles = [];
    for (let i = 0; i < 30; i++) profiles.push(await call(`${bff.url}/api/profile`, { token: signTestToken('u9') }));
    for (const profile of profiles) expectApiError(profile, 502, 'The user service failed');
    const homes = [];
    for (let i = 0; i < 30; i++) homes.push(await call<{ meta: { degraded: string[] } }>(`${bff.url}/api/home`, { token: signTestToken('u42') }));
    expect(homes.map((home) => [home.status, home.body.meta.degraded])).toEqual(Array(30).fill([200, ['recommendations']]));

    // Three times the volume threshold, every one a breach: none opened a circuit.
    expect((await call(`${bff.url}/health/ready`)).status).toBe(200);
    expect(await metric(bff, 'bff_circuit_breaker_state', { service: 'user' })).toBe(0);
    expect(await metric(bff, 'bff_circuit_breaker_state', { service: 'recommendation' })).toBe(0);
    expect(await metric(bff, 'bff_downstream_contract_breaches_total', { service: 'user' })).toBe(30);
    expect(await metric(bff, 'bff_downstream_contract_breaches_total', { service: 'recommendation' })).toBe(30);
    // The log names the service and the field, not the value.
    expect(bff.output()).toContain('contract breach: user service: unexpected response body: body.id: Invalid input: expected string, received number');
    expect(bff.output()).toContain('contract breach: user service: response body is not JSON');
    expect(bff.output()).not.toContain(String(LEAKED_ID));
  });

  it('half-open with concurrent requests: one probe reaches the service, the others get 503 with Retry-After, none 500', async () => {
    const bff = await startWebBff({ CIRCUIT_VOLUME_THRESHOLD: '4', CIRCUIT_RESET_MS: '1000', RETRY_MAX: '0' });
    const users = system.services['user-service'];
    await faults.set(users, { status: 503 });
    for (let i = 0; i < 4; i++) expectApiError(await call(`${bff.url}/api/profile`, { token: signTestToken('u42') }), 502);
    expect(await metric(bff, 'bff_circuit_breaker_state', { service: 'user' })).toBe(2);

    // Back, but slow enough that the probe is still in flight when the others arrive.
    await faults.set(users, { delayMs: 600 });
    await sleep(1_200);
    await faults.resetRequests(users);
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(`${bff.url}/api/profile`, { token: signTestToken('u42') })));

    expect(await faults.requests(users)).toEqual({ 'GET /users/:id': 1 });
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 503, 503, 503, 503, 503, 503, 503, 503, 503]);
    for (const refused of answers.filter((answer) => answer.status === 503)) {
      expectApiError(refused, 503, 'The user service is unavailable for now; try again shortly');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(await metric(bff, 'bff_circuit_breaker_state', { service: 'user' })).toBe(0);
  });

  it("a required part failing fast aborts the request's other calls: the slow service sees its connection closed well before its delay ends", async () => {
    const SLOW_MS = 2_500;
    const slowOrders = await startFake((_request, response) => {
      const timer = setTimeout(() => json(response, JSON.stringify({ items: [], total: 0 })), SLOW_MS);
      response.on('close', () => clearTimeout(timer));
    });
    const bff = await startWebBff({ ORDER_SERVICE_URL: slowOrders.url, DOWNSTREAM_TIMEOUT_MS: '4000', REQUEST_DEADLINE_MS: '5000' });
    await faults.set(system.services['user-service'], { delayMs: 300, status: 500 });

    for (let i = 0; i < 3; i++) {
      const answer = await call(`${bff.url}/api/profile`, { token: signTestToken('u42') });
      expectApiError(answer, 502, 'The user service failed');
      expect(answer.durationMs).toBeLessThan(SLOW_MS - 1_000);
    }
    await sleep(200);
    expect(slowOrders.requests).toHaveLength(3);
    for (const { arrivedAt, closedEarlyAt } of slowOrders.requests) {
      // Closed when the user call failed (about 300 ms in), not when the 2.5 s answer would have gone out.
      expect(closedEarlyAt).toEqual(expect.any(Number));
      expect((closedEarlyAt ?? Infinity) - arrivedAt).toBeLessThan(SLOW_MS - 1_000);
    }
    // A call the request gave up on is not the service failing.
    expect(await metric(bff, 'bff_circuit_breaker_state', { service: 'order' })).toBe(0);
    expect(await metric(bff, 'bff_downstream_request_duration_seconds_count', { service: 'order', outcome: 'cancelled' })).toBe(3);
  });

  it('retries of a service failing every call stay within its retry budget', async () => {
    const bff = await startWebBff({ CIRCUIT_VOLUME_THRESHOLD: '100000' });
    const orders = system.services['order-service'];
    await faults.set(orders, { status: 503 });
    await faults.resetRequests(orders);

    const N = 20;
    for (let i = 0; i < N; i++) expectApiError(await call(`${bff.url}/api/profile`, { token: signTestToken('u42') }), 502);

    // RETRY_MAX=2 alone would make 3 attempts of each: 60. The budget: 20% of the calls, or 3.
    const attempts = (await faults.requests(orders))['GET /orders'] ?? 0;
    expect(attempts).toBeGreaterThanOrEqual(N);
    expect(attempts).toBeLessThanOrEqual(N * 1.2 + 3);
    expect(await metric(bff, 'bff_downstream_retries_total', { service: 'order', outcome: 'allowed' })).toBe(attempts - N);
    expect(await metric(bff, 'bff_downstream_retries_total', { service: 'order', outcome: 'refused' })).toBeGreaterThan(N / 2);
    expect(await metric(bff, 'bff_retry_budget_remaining', { service: 'order' })).toBe(0);
    expect(await metric(bff, 'bff_retry_budget_remaining', { service: 'user' })).toBe(4);
  });
});
