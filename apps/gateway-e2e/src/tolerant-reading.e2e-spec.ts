import { launchApp, type RunningApp } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { DEVELOPMENT_JWT_SECRET, type GatewayAppName } from '@bff/config';
import { FOREIGN_PRODUCTS, type ForeignServices, startForeignServices } from './support/foreign-services.server';
import { call, expectApiError, type HttpResult } from './support/http.client';
import { OpenApiContract, type OperationKey, readCommittedDocument } from './support/openapi.contract';

// Issue 16, finding 1: both gateways in front of services written by another team from the README
// alone (support/foreign-services.server.ts), which answer tiers and order statuses added after the
// gateway was built and fields it never heard of. Every screen answers 200, what a screen can do
// without takes its documented default (docs/client-contract.md), every answer matches the committed
// OpenAPI document, and no circuit opens.

/** Fields the foreign services add, at every depth; none may reach a client. */
const FOREIGN_ONLY_FIELDS = ['loyaltyPoints', 'preferences', 'links', 'verified', 'trackingUrl', 'refund', 'warehouse', 'giftWrap', 'sku', 'discount', 'stock', 'rating', 'categories', 'variants', 'sponsored', 'reason', 'model'];

/** p4 as the catalog sends it (no description, no pictures), as every gateway reads it. */
const mysteryBox = { id: 'p4', name: 'Mystery Box', description: '', price: 20, currency: 'EUR', imageUrl: '', thumbnailUrl: '' };
const product = (id: string) => {
  const { stock, rating, categories, variants, sponsored, ...known } = FOREIGN_PRODUCTS.find((candidate) => candidate.id === id) ?? {};
  void [stock, rating, categories, variants, sponsored];
  return id === 'p4' ? mysteryBox : known;
};

const metricValue = (text: string, name: string, service: string): number | undefined => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(`service="${service}"`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('services the gateway did not write: tolerant reading', () => {
  let foreign: ForeignServices;
  const gateways = new Map<GatewayAppName, RunningApp>();
  const contracts = new Map<GatewayAppName, OpenApiContract>();
  const url = (app: GatewayAppName) => gateways.get(app)?.url ?? '';
  const tokenFor = (app: GatewayAppName, user: string) => signTestToken(user, app === 'mobile-bff' ? { audience: 'mobile' } : {});

  beforeAll(async () => {
    foreign = await startForeignServices();
    const env = {
      NODE_ENV: 'test',
      PORT: '0',
      METRICS_PORT: '0',
      JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      USER_SERVICE_URL: foreign.url,
      ORDER_SERVICE_URL: foreign.url,
      CATALOG_SERVICE_URL: foreign.url,
      RECOMMENDATION_SERVICE_URL: foreign.url,
      IDENTITY_SERVICE_URL: foreign.url,
      // Many calls from few users: the rate limit (tested on its own) is raised out of the way.
      THROTTLE_BURST_LIMIT: '10000',
      THROTTLE_LIMIT: '100000',
    };
    const started = await Promise.allSettled((['web-bff', 'mobile-bff'] as const).map((app) => launchApp(app, { env, readyTimeoutMs: 45_000 })));
    for (const result of started) if (result.status === 'fulfilled') gateways.set(result.value.name as GatewayAppName, result.value);
    const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    for (const app of gateways.keys()) contracts.set(app, new OpenApiContract(app, readCommittedDocument(app).document));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([...gateways.values()].map((gateway) => gateway.stop()));
    await foreign?.close();
  });

  /** A screen as `user` sees it: 200, documented by the committed OpenAPI document, nothing foreign in it. */
  async function screen<T>(app: GatewayAppName, path: string, user = 'u1'): Promise<T> {
    const result = await call<T>(`${url(app)}${path}`, { token: tokenFor(app, user) });
    expect({ path, status: result.status }).toEqual({ path, status: 200 });
    expect({ path, problems: problemsOf(app, path, result) }).toEqual({ path, problems: [] });
    expect({ path, foreign: FOREIGN_ONLY_FIELDS.filter((field) => result.text.includes(`"${field}"`)) }).toEqual({ path, foreign: [] });
    return result.body;
  }

  function problemsOf(app: GatewayAppName, path: string, result: HttpResult): string[] {
    const contract = contracts.get(app) as OpenApiContract;
    const operation = contract.operations().find((key): key is OperationKey => key.startsWith('GET ') && contract.matches(key, path));
    return operation === undefined ? [`no GET operation of ${app} documents ${path}`] : contract.problems(operation, result);
  }

  describe('web-bff', () => {
    it('shows a tier and order statuses it does not know as the strings they are, on profile and home', async () => {
      const profile = await screen<{ user: unknown; orders: Array<{ id: string; status: string; items: Array<{ product: unknown }> }> }>('web-bff', '/api/profile');
      expect(profile.user).toEqual({
        id: 'u1',
        name: 'Mira Okafor',
        email: 'mira@example.org',
        avatarUrl: 'https://images.example.org/mira.png',
        tier: 'platinum',
        createdAt: '2021-03-04T05:06:07.000Z',
      });
      expect(profile.orders.map(({ id, status }) => [id, status])).toEqual([
        ['o-u1-3', 'returned'],
        ['o-u1-2', 'awaiting-pickup'],
        ['o-u1-1', 'shipped'],
      ]);
      expect(profile.orders[2]?.items[0]?.product).toEqual(mysteryBox);

      const home = await screen<{ user: unknown; recentOrders: Array<{ status: string }>; recommendations: unknown[] }>('web-bff', '/api/home');
      expect(home.user).toEqual({ id: 'u1', name: 'Mira Okafor', avatarUrl: 'https://images.example.org/mira.png', tier: 'platinum' });
      expect(home.recentOrders.map(({ status }) => status)).toEqual(['returned', 'awaiting-pickup', 'shipped']);
      expect(home.recommendations).toEqual([
        { score: 0.93, product: product('p2') },
        { score: 0.71, product: mysteryBox },
        { score: 0.4, product: product('p1') },
      ]);
      expect((await screen<{ user: { tier: string } }>('web-bff', '/api/profile', 'u2')).user.tier).toBe('free');
    });

    it('gives a user without email, avatar or tier the documented defaults', async () => {
      const profile = await screen<{ user: unknown }>('web-bff', '/api/profile', 'u3');
      expect(profile.user).toEqual({ id: 'u3', name: 'Ana Minimal', email: '', avatarUrl: '', tier: 'standard', createdAt: '2024-06-30T12:00:00.000Z' });
    });

    it('answers the order list, an order, the product search and a product', async () => {
      const orders = await screen<{ orders: Array<{ status: string }>; nextCursor: string | null }>('web-bff', '/api/orders');
      expect([orders.orders.map(({ status }) => status), orders.nextCursor]).toEqual([['returned', 'awaiting-pickup', 'shipped'], null]);
      const order = await screen<{ status: string; items: Array<{ productId: string; product: unknown }> }>('web-bff', '/api/orders/o-u1-3');
      expect(order.status).toBe('returned');
      expect(order.items.map(({ product: itemProduct }) => itemProduct)).toEqual([product('p1'), product('p2')]);
      const search = await screen<{ products: unknown[] }>('web-bff', '/api/products?q=tea');
      expect(search.products).toEqual([product('p2'), product('p3')]);
      expect(await screen('web-bff', '/api/products/p4')).toEqual(mysteryBox);
    });
  });

  describe.each(['', '/v1', '/v2'])('mobile-bff%s', (version) => {
    const api = `/api${version}`;

    it('sends an order status the apps do not know as the documented fallback, and a known one as it is', async () => {
      const profile = await screen<{ user: unknown; recentOrders: Array<{ id: string; status: string }> }>('mobile-bff', `${api}/profile`);
      expect(profile.user).toEqual({ id: 'u1', name: 'Mira Okafor', avatarUrl: 'https://images.example.org/mira.png' });
      const statuses = [
        ['o-u1-3', 'processing'],
        ['o-u1-2', 'processing'],
        ['o-u1-1', 'shipped'],
      ];
      expect(profile.recentOrders.map(({ id, status }) => [id, status])).toEqual(statuses);
      const orders = await screen<{ orders: Array<{ id: string; status: string }> }>('mobile-bff', `${api}/orders`);
      expect(orders.orders.map(({ id, status }) => [id, status])).toEqual(statuses);
      const returned = await screen<{ status: string }>('mobile-bff', `${api}/orders/o-u1-3`);
      expect(returned.status).toBe('processing');
    });

    it('answers home, a product without pictures and the search; a user without an avatar gets an empty one', async () => {
      const home = await screen<{ recommendations: Array<{ id: string; thumbnailUrl: string }> }>('mobile-bff', `${api}/home`);
      expect(home.recommendations.map(({ id, thumbnailUrl }) => [id, thumbnailUrl])).toEqual([
        ['p2', 'https://images.example.org/p2-t.jpg'],
        ['p4', ''],
        ['p1', 'https://images.example.org/p1-t.jpg'],
      ]);
      const box = await screen<{ description: string; thumbnailUrl: string }>('mobile-bff', `${api}/products/p4`);
      expect([box.description, box.thumbnailUrl]).toEqual(['', '']);
      const search = await screen<{ products: Array<{ id: string }> }>('mobile-bff', `${api}/products?q=tea`);
      expect(search.products.map(({ id }) => id)).toEqual(['p2', 'p3']);
      const line = await screen<{ items: Array<{ productId: string; thumbnailUrl: string | null }> }>('mobile-bff', `${api}/orders/o-u1-1`);
      expect(line.items).toEqual([expect.objectContaining({ productId: 'p4', name: 'Mystery Box', thumbnailUrl: null })]);
      expect((await screen<{ user: unknown }>('mobile-bff', `${api}/profile`, 'u3')).user).toEqual({ id: 'u3', name: 'Ana Minimal', avatarUrl: '' });
    });
  });

  it.each(['web-bff', 'mobile-bff'] as const)('%s keeps every circuit closed and stays ready after 30 more such profiles', async (app) => {
    const before = foreign.calls.user;
    const path = app === 'web-bff' ? '/api/profile' : '/api/v2/profile';
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => call(`${url(app)}${path}`, { token: tokenFor(app, i % 2 === 0 ? 'u1' : 'u2') }).then((r) => r.status)));
    expect(statuses).toEqual(Array(30).fill(200));
    expect(foreign.calls.user - before).toBe(30);

    const ready = await call<{ status: string }>(`${url(app)}/health/ready`);
    expect([ready.status, ready.body.status]).toEqual([200, 'ok']);
    expect((await call(`${url(app)}/health`)).body).toEqual({ status: 'ok', circuits: { user: 'closed', order: 'closed', catalog: 'closed', recommendation: 'closed', identity: 'closed' } });
    const metricsUrl = /metrics on (http:\/\/\S+)/.exec(gateways.get(app)?.output() ?? '')?.[1] ?? '';
    const metrics = await (await fetch(metricsUrl)).text();
    expect(metricValue(metrics, 'bff_circuit_breaker_state', 'user')).toBe(0);
    const okUserCalls = metrics.split('\n').find((line) => line.startsWith('bff_downstream_request_duration_seconds_count{') && line.includes('service="user"') && line.includes('outcome="ok"'));
    expect(Number(okUserCalls?.slice(okUserCalls.lastIndexOf(' ') + 1))).toBeGreaterThanOrEqual(30);
  });

  // Last: until contract breaches stop counting toward the breaker (issue 16), these may count.
  describe('a breach of a field no screen can do without', () => {
    it.each(['web-bff', 'mobile-bff'] as const)('%s answers 502 for a user without an id, and logs which service broke it', async (app) => {
      const result = await call(`${url(app)}/api/profile`, { token: tokenFor(app, 'u-broken') });
      expectApiError(result, 502, 'The user service failed');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(gateways.get(app)?.output()).toContain('user service broke its contract');
    });
  });
});
