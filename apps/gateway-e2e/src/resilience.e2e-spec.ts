import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { faults } from './support/fault.admin';
import { call, expectApiError } from './support/http.client';

const DEADLINE_MS = 600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface HomeBody {
  recommendations: unknown[];
  recentOrders: unknown[];
  meta: { degraded: string[] };
}

describe('resilient aggregation', () => {
  let system: RunningSystem;
  const extra: RunningApp[] = [];
  const webToken = signTestToken('u42');
  const mobileToken = signTestToken('u42', { audience: 'mobile' });
  const env = {
    NODE_ENV: 'test',
    REQUEST_DEADLINE_MS: String(DEADLINE_MS),
    DOWNSTREAM_TIMEOUT_MS: '400',
    RETRY_BASE_DELAY_MS: '10',
    // Out of the way here; the circuit has its own gateway below.
    CIRCUIT_VOLUME_THRESHOLD: '100000',
  };
  const startWebBff = async (more: Record<string, string>) => {
    const app = await launchApp('web-bff', { env: { ...system.gatewayEnv, ...env, PORT: '0', ...more } });
    extra.push(app);
    return app;
  };

  beforeAll(async () => {
    system = await launchSystem({ auth: 'development-secret', gatewayEnv: env });
  });
  afterAll(async () => {
    await Promise.all(extra.map((app) => app.stop()));
    await system?.stop();
  });
  afterEach(() => faults.clear(...Object.values(system.services)));

  const web = () => system.gateway('web-bff').url;
  const mobile = () => system.gateway('mobile-bff').url;
  const services = () => system.services;

  describe('GET /api/home', () => {
    it('answers with orders and recommendations and their products on both gateways', async () => {
      const [full, compact] = await Promise.all([
        call<HomeBody>(`${web()}/api/home`, { token: webToken }),
        call<HomeBody>(`${mobile()}/api/home`, { token: mobileToken }),
      ]);
      expect([full.status, compact.status]).toEqual([200, 200]);
      expect(full.body.recentOrders).toHaveLength(3);
      expect(full.body.recommendations).toHaveLength(6);
      expect(full.body.recommendations[0]).toEqual({ score: expect.any(Number), product: expect.objectContaining({ description: expect.any(String) }) });
      expect(compact.body.recommendations).toHaveLength(4);
      expect(Object.keys(compact.body.recommendations[0] as object).sort()).toEqual(['id', 'name', 'price', 'thumbnailUrl']);
      expect(full.body.meta).toEqual({ degraded: [] });
      expect(full.headers.get('x-degraded')).toBeNull();
    });

    it('still answers 200 within the deadline when recommendation-service is too slow, saying what is missing', async () => {
      await faults.set(services()['recommendation-service'], { delayMs: 3_000 });
      for (const [url, token] of [[web(), webToken], [mobile(), mobileToken]] as const) {
        const result = await call<HomeBody>(`${url}/api/home`, { token });
        expect(result.status).toBe(200);
        // Near the deadline, far from the service's 3 s (the margin is for a loaded CI machine).
        expect(result.durationMs).toBeLessThan(DEADLINE_MS + 500);
        expect(result.body.meta.degraded).toEqual(['recommendations']);
        expect(result.body.recommendations).toEqual([]);
        expect(result.body.recentOrders).toHaveLength(3);
        expect(result.headers.get('x-degraded')).toBe('recommendations');
      }
    });

    it('answers 200 without recommendations when their service fails', async () => {
      await faults.set(services()['recommendation-service'], { status: 500 });
      const result = await call<HomeBody>(`${web()}/api/home`, { token: webToken });
      expect(result.status).toBe(200);
      expect(result.body.meta.degraded).toEqual(['recommendations']);
    });
  });

  describe('retries, counted by the service', () => {
    it.each([
      [503, 502, 3],
      [502, 502, 3],
      [500, 502, 1],
      [400, 502, 1],
    ])('order-service answering %i: /api/profile answers %i after %i attempt(s)', async (serviceStatus, status, attempts) => {
      // A gateway of its own: a fresh retry budget (3 retries of a quiet service per 10 s), whatever the cases before spent.
      const bff = await startWebBff({});
      await faults.resetRequests(services()['order-service']);
      await faults.set(services()['order-service'], { status: serviceStatus });
      expectApiError(await call(`${bff.url}/api/profile`, { token: webToken }), status);
      expect(await faults.requests(services()['order-service'])).toEqual({ 'GET /orders': attempts });
    });

    it('a 404 is asked once and answered 404', async () => {
      await faults.resetRequests(services()['order-service']);
      await faults.set(services()['order-service'], { status: 404 });
      expectApiError(await call(`${web()}/api/orders/o42-1`, { token: webToken }), 404);
      expect(await faults.requests(services()['order-service'])).toEqual({ 'GET /orders/:id': 1 });
    });
  });

  it('opens a circuit past its threshold: the next calls fail fast without reaching the service, and a probe closes it', async () => {
    const bff = await startWebBff({ CIRCUIT_VOLUME_THRESHOLD: '4', CIRCUIT_RESET_MS: '1000', RETRY_MAX: '0' });
    await faults.set(services()['user-service'], { status: 503 });
    for (let i = 0; i < 4; i++) expectApiError(await call(`${bff.url}/api/profile`, { token: webToken }), 502);
    await faults.resetRequests(services()['user-service']);

    // The median of three, so that one pause of a busy machine does not decide "fast".
    const fast = [];
    for (let i = 0; i < 3; i++) fast.push(await call(`${bff.url}/api/profile`, { token: webToken }));
    for (const answer of fast) expectApiError(answer, 503, 'The user service is unavailable for now; try again shortly');
    expect(fast.map((answer) => answer.durationMs).sort((a, b) => a - b)[1]).toBeLessThan(50);
    expect(await faults.requests(services()['user-service'])).toEqual({});
    expect(((await call<{ circuits: Record<string, string> }>(`${bff.url}/health`)).body.circuits)['user']).toBe('open');
    expect(bff.output()).toContain('circuit open: user service failing');

    await faults.clear(services()['user-service']);
    await sleep(1_100);
    expect((await call(`${bff.url}/api/profile`, { token: webToken })).status).toBe(200);
    expect((await call<{ circuits: Record<string, string> }>(`${bff.url}/health`)).body.circuits).toEqual({
      user: 'closed',
      order: 'closed',
      catalog: 'closed',
      recommendation: 'closed',
      identity: 'closed',
    });
  });

  it('asks the catalog once per profile, and once for 20 concurrent profiles sharing products', async () => {
    const bff = await startWebBff({});
    await faults.resetRequests(services()['catalog-service']);
    await call(`${bff.url}/api/profile`, { token: signTestToken('u7') });
    expect(await faults.requests(services()['catalog-service'])).toEqual({ 'GET /products': 1 });

    await faults.resetRequests(services()['catalog-service']);
    const token = signTestToken('u8');
    const statuses = await Promise.all(Array.from({ length: 20 }, () => call(`${bff.url}/api/profile`, { token }).then((r) => r.status)));
    expect(statuses).toEqual(Array(20).fill(200));
    expect(await faults.requests(services()['catalog-service'])).toEqual({ 'GET /products': 1 });

    await faults.resetRequests(services()['catalog-service']);
    await Promise.all(Array.from({ length: 20 }, () => call(`${bff.url}/api/profile`, { token })));
    expect(await faults.requests(services()['catalog-service'])).toEqual({});
  });

  /**
   * One GET; if the keep-alive socket it went out on was closed under it (on a loaded machine, seen
   * once in CI as "other side closed"), once more. A gateway that has died fails the second try too,
   * and the error then says how it exited and what it wrote last.
   */
  const callOnFreshSocketIfReset = async (url: string, token: string, app: 'web-bff' | 'mobile-bff') => {
    try {
      return await call(url, { token });
    } catch {
      return call(url, { token }).catch((error: unknown) => {
        const gateway = system.gateway(app);
        throw new Error(`${app} did not answer (exit ${gateway.process.exitCode ?? 'none'}, signal ${gateway.process.signalCode ?? 'none'}): ${String(error)}\n${gateway.output().slice(-4000)}`);
      });
    }
  };

  it('never answers later than the deadline plus 100 ms, whatever the services do', async () => {
    // A property over random faults: every service slow, failing or fine, in every combination drawn.
    const statuses = [undefined, undefined, 500, 502, 503];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const names = ['user-service', 'order-service', 'catalog-service', 'recommendation-service'] as const;
    for (let round = 0; round < 12; round++) {
      await Promise.all(
        names.map((name) =>
          faults.set(services()[name], {
            delayMs: Math.floor(random() * 1_200),
            ...(statuses[Math.floor(random() * statuses.length)] ? { status: statuses[Math.floor(random() * statuses.length)] ?? 503 } : {}),
          }),
        ),
      );
      for (const [url, path, token] of [[web(), '/api/home', webToken], [mobile(), '/api/profile', mobileToken]] as const) {
        const result = await callOnFreshSocketIfReset(`${url}${path}`, token, url === web() ? 'web-bff' : 'mobile-bff');
        expect({ round, path, late: result.durationMs >= DEADLINE_MS + 100 }).toEqual({ round, path, late: false });
        expect([200, 502, 503, 504]).toContain(result.status);
      }
    }
  });

  it('serves the profile from the stale catalog cache when catalog-service is gone, and says so', async () => {
    const bff = await startWebBff({ CATALOG_CACHE_TTL_MS: '200' });
    expect((await call(`${bff.url}/api/profile`, { token: webToken })).status).toBe(200);
    await services()['catalog-service'].stop('SIGKILL');
    await sleep(250);

    const result = await call<{ orders: Array<{ items: Array<{ product: unknown }> }>; meta: { degraded: string[] } }>(`${bff.url}/api/profile`, {
      token: webToken,
    });
    expect(result.status).toBe(200);
    expect(result.body.meta.degraded).toEqual(['products']);
    expect(result.headers.get('x-degraded')).toBe('products');
    expect(result.body.orders.every((order) => order.items.every((item) => item.product !== null))).toBe(true);
  });
});
