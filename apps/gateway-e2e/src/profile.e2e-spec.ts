import { signTestToken } from '@bff/auth/testing';
import { launchSystem, type RunningSystem } from '@bff/app-process/launcher';
import { call } from './support/http.client';
import { faults } from './support/fault.admin';
import { seedServiceEnv, studioKettle3, thumbnailOf, u42 } from './support/seed.fixtures';

interface WebProfileBody {
  user: typeof u42;
  orders: Array<{
    id: string;
    userId: string;
    status: string;
    total: number;
    createdAt: string;
    items: Array<{ productId: string; quantity: number; unitPrice: number; product: { id: string; price: number } | null }>;
  }>;
}

describe('GET /api/profile', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await launchSystem({ auth: 'development-secret', gatewayEnv: { NODE_ENV: 'test' }, serviceEnv: seedServiceEnv });
  });
  afterAll(() => system?.stop());

  describe('on web-bff', () => {
    it("returns the caller's user and 10 most recent orders, every item carrying its whole product", async () => {
      const result = await call<WebProfileBody>(`${system.gateway('web-bff').url}/api/profile`, { token: signTestToken('u42') });

      expect(result.status).toBe(200);
      const { user, orders } = result.body;
      expect(user).toEqual(u42);
      expect(orders.map((order) => order.id)).toEqual(['o42-1', 'o42-2', 'o42-3', 'o42-4', 'o42-5', 'o42-6', 'o42-7', 'o42-8', 'o42-9', 'o42-10']);
      expect(orders[0]).toMatchObject({ id: 'o42-1', userId: 'u42', status: 'processing', total: 591.64, currency: 'USD' });
      expect(orders[0]?.items[0]).toEqual({ productId: 'p3', quantity: 2, unitPrice: 59.81, product: studioKettle3 });
      for (const order of orders) {
        expect(order.items).toHaveLength(3);
        for (const item of order.items) {
          expect(item.product?.id).toBe(item.productId);
          expect(item.product?.price).toBe(item.unitPrice);
        }
      }
      const times = orders.map((order) => Date.parse(order.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('fetches all of a profile’s products in one catalog call', async () => {
      await faults.resetRequests(system.services['catalog-service']);
      await call(`${system.gateway('web-bff').url}/api/profile`, { token: signTestToken('u7') });

      expect(await faults.requests(system.services['catalog-service'])).toEqual({ 'GET /products': 1 });
    });
  });

  describe('on mobile-bff', () => {
    it('returns the compact shape: name, avatar, and the 5 most recent orders with one thumbnail each', async () => {
      const result = await call(`${system.gateway('mobile-bff').url}/api/profile`, {
        token: signTestToken('u42', { audience: 'mobile' }),
      });

      expect(result.status).toBe(200);
      expect(result.body).toEqual({
        user: { id: 'u42', name: 'Linus Perlman', avatarUrl: u42.avatarUrl },
        recentOrders: [
          { id: 'o42-1', status: 'processing', total: 591.64, currency: 'USD', itemCount: 5, thumbnailUrl: thumbnailOf('p3') },
          { id: 'o42-2', status: 'shipped', total: 1146.84, currency: 'USD', itemCount: 9, thumbnailUrl: thumbnailOf('p11') },
          { id: 'o42-3', status: 'delivered', total: 538.93, currency: 'USD', itemCount: 8, thumbnailUrl: thumbnailOf('p13') },
          { id: 'o42-4', status: 'delivered', total: 369.35, currency: 'USD', itemCount: 3, thumbnailUrl: thumbnailOf('p45') },
          { id: 'o42-5', status: 'delivered', total: 653.69, currency: 'USD', itemCount: 5, thumbnailUrl: thumbnailOf('p22') },
        ],
        meta: { degraded: [] },
      });
      expect(Number(result.headers.get('content-length'))).toBeLessThan(1024);
    });
  });

  it('answers with the caller’s well-formed x-request-id and passes it to the services, else makes one up', async () => {
    const web = system.gateway('web-bff').url;
    const kept = await call(`${web}/api/profile`, { token: signTestToken('u42'), headers: { 'x-request-id': 'checkout-7f3a' } });
    expect(kept.headers.get('x-request-id')).toBe('checkout-7f3a');

    const replaced = await call(`${web}/api/profile`, { token: signTestToken('u42'), headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets the web app’s origin call web-bff with credentials, and no other origin', async () => {
    const preflight = (origin: string) =>
      call(`${system.gateway('web-bff').url}/api/profile`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-csrf-token' },
      });
    const allowed = await preflight('http://localhost:4200');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-csrf-token');

    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const fromPhone = await call(`${system.gateway('mobile-bff').url}/health`, { headers: { origin: 'http://localhost:4200' } });
    expect(fromPhone.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends the security headers an API should', async () => {
    const { headers } = await call(`${system.gateway('web-bff').url}/health`);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it('serves /health on both gateways without a token', async () => {
    for (const name of ['web-bff', 'mobile-bff'] as const) {
      const result = await call(`${system.gateway(name).url}/health`);
      expect({ name, status: result.status, body: result.body }).toEqual({
        name,
        status: 200,
        body: { status: 'ok', circuits: { user: 'closed', order: 'closed', catalog: 'closed', recommendation: 'closed', identity: 'closed' } },
      });
    }
  });
});
