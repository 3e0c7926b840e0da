import { signTestToken } from '@bff/auth/testing';
import { launchSystem, type RunningSystem } from '@bff/app-process/launcher';
import { call, expectApiError, type HttpResult } from './support/http.client';
import { faults } from './support/fault.admin';
import { seedServiceEnv, thumbnailOf } from './support/seed.fixtures';

interface Page<T> {
  orders?: T[];
  products?: T[];
  nextCursor: string | null;
}

describe('mobile-bff compact screens: orders and products', () => {
  let system: RunningSystem;
  const mobile = (path: string) => `${system.gateway('mobile-bff').url}${path}`;
  const token = (sub = 'u42') => signTestToken(sub, { audience: 'mobile' });

  beforeAll(async () => {
    // Many calls per second from one user: the rate limit (tested on its own) is raised out of the way.
    system = await launchSystem({
      gateways: ['mobile-bff'],
      auth: 'development-secret',
      gatewayEnv: { NODE_ENV: 'test', THROTTLE_BURST_LIMIT: '10000', THROTTLE_LIMIT: '100000' },
      serviceEnv: seedServiceEnv,
    });
  });
  afterAll(() => system?.stop());

  async function allPages<T>(path: string, key: 'orders' | 'products'): Promise<T[][]> {
    const pages: T[][] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const result: HttpResult<Page<T>> = await call<Page<T>>(mobile(cursor ? `${path}${separator}cursor=${cursor}` : path), { token: token() });
      expect(result.status).toBe(200);
      pages.push(result.body[key] ?? []);
      cursor = result.body.nextCursor;
    } while (cursor !== null && pages.length < 20);
    return pages;
  }

  describe('GET /api/orders', () => {
    it('pages through the caller’s 50 orders 10 at a time, one thumbnail each, unversioned like v1', async () => {
      const pages = await allPages<{ id: string }>('/api/orders', 'orders');

      expect(pages.map((page) => page.length)).toEqual([10, 10, 10, 10, 10]);
      expect(pages.flat().map((order) => order.id)).toEqual(Array.from({ length: 50 }, (_, i) => `o42-${i + 1}`));
      expect(pages[0]?.[0]).toEqual({
        id: 'o42-1',
        status: 'processing',
        total: 591.64,
        currency: 'USD',
        itemCount: expect.any(Number),
        thumbnailUrl: thumbnailOf('p3'),
        createdAt: expect.stringMatching(/^2026-/),
      });
      const v1 = await call(mobile('/api/v1/orders'), { token: token() });
      const unversioned = await call(mobile('/api/orders'), { token: token() });
      expect(v1.body).toEqual(unversioned.body);
    });

    it('sends money as integer minor units in v2', async () => {
      const result = await call<{ orders: Array<Record<string, unknown>> }>(mobile('/api/v2/orders?limit=1'), { token: token() });
      expect(result.body.orders[0]).toMatchObject({ id: 'o42-1', total: { amountMinor: 59164, currency: 'USD' } });
      expect(result.body.orders[0]).not.toHaveProperty('currency');
    });

    it.each(['limit=21', 'limit=0', 'cursor=bogus'])('answers 400 to ?%s', async (query) => {
      expectApiError(await call(mobile(`/api/orders?${query}`), { token: token() }), 400);
    });
  });

  describe('GET /api/orders/:id', () => {
    it('answers the order’s lines with names and thumbnails, money per version', async () => {
      const v1 = await call<{ items: unknown[] }>(mobile('/api/v1/orders/o42-1'), { token: token() });
      const v2 = await call<{ items: unknown[] }>(mobile('/api/v2/orders/o42-1'), { token: token() });

      expect(v1.status).toBe(200);
      expect(v1.body).toMatchObject({ id: 'o42-1', status: 'processing', total: 591.64, currency: 'USD' });
      expect(v1.body.items[0]).toEqual({ productId: 'p3', name: 'Studio Kettle 3', thumbnailUrl: thumbnailOf('p3'), quantity: 2, unitPrice: 59.81 });
      expect(v2.body).toMatchObject({ id: 'o42-1', total: { amountMinor: 59164, currency: 'USD' } });
      expect(v2.body.items[0]).toEqual({ productId: 'p3', name: 'Studio Kettle 3', thumbnailUrl: thumbnailOf('p3'), quantity: 2, unitPrice: { amountMinor: 5981, currency: 'USD' } });
    });

    it('answers 404 for someone else’s order and 400 for a malformed id', async () => {
      expectApiError(await call(mobile('/api/orders/o7-1'), { token: token() }), 404, 'Order not found');
      expectApiError(await call(mobile('/api/orders/o7%2F..%2F1'), { token: token() }), 400);
    });
  });

  describe('GET /api/products', () => {
    it('searches the catalog 10 at a time with thumbnails only', async () => {
      const pages = await allPages<Record<string, unknown>>('/api/products', 'products');

      expect(pages).toHaveLength(10);
      expect(pages.flat().map((product) => product['id'])).toEqual(Array.from({ length: 100 }, (_, i) => `p${i + 1}`));
      expect(pages[0]?.[2]).toEqual({ id: 'p3', name: 'Studio Kettle 3', price: 59.81, currency: 'USD', thumbnailUrl: thumbnailOf('p3') });
      const v2 = await call<{ products: unknown[] }>(mobile('/api/v2/products?q=studio%20kettle%203'), { token: token() });
      expect(v2.body.products).toContainEqual({ id: 'p3', name: 'Studio Kettle 3', price: { amountMinor: 5981, currency: 'USD' }, thumbnailUrl: thumbnailOf('p3') });
    });

    it('answers one product with its description, 404 for an unknown one', async () => {
      const v1 = await call(mobile('/api/products/p3'), { token: token() });
      expect(v1.body).toEqual({
        id: 'p3',
        name: 'Studio Kettle 3',
        description: 'Studio Kettle 3, made of recycled aluminium. Seed product for local runs and tests.',
        price: 59.81,
        currency: 'USD',
        thumbnailUrl: thumbnailOf('p3'),
      });
      expect((await call(mobile('/api/v2/products/p3'), { token: token() })).body).toMatchObject({ price: { amountMinor: 5981, currency: 'USD' } });
      expectApiError(await call(mobile('/api/products/p999'), { token: token() }), 404, 'Product not found');
    });

    it('refuses malformed input without asking catalog-service', async () => {
      await faults.resetRequests(system.services['catalog-service']);
      expectApiError(await call(mobile(`/api/products?q=${'x'.repeat(101)}`), { token: token() }), 400);
      expectApiError(await call(mobile('/api/products/p!'), { token: token() }), 400);
      expect(await faults.requests(system.services['catalog-service'])).toEqual({});
    });
  });
});
