import { signTestToken } from '@bff/auth/testing';
import { launchSystem, type RunningSystem } from '@bff/app-process/launcher';
import { call, expectApiError, type HttpResult } from './support/http.client';
import { faults } from './support/fault.admin';
import { seedServiceEnv, studioKettle3 } from './support/seed.fixtures';

interface Product {
  id: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  imageUrl: string;
  thumbnailUrl: string;
}

interface WebOrder {
  id: string;
  userId: string;
  status: string;
  total: number;
  currency: string;
  createdAt: string;
  items: Array<{ productId: string; quantity: number; unitPrice: number; product: Product | null }>;
}

interface OrderPage {
  orders: WebOrder[];
  nextCursor: string | null;
  meta: { degraded: string[] };
}

interface ProductPage {
  products: Product[];
  nextCursor: string | null;
}


const orderIds = (from: number, to: number, user = 42) => Array.from({ length: to - from + 1 }, (_, i) => `o${user}-${from + i}`);

describe('web-bff client APIs', () => {
  let system: RunningSystem;
  const web = (path: string) => `${system.gateway('web-bff').url}${path}`;
  const token = (sub: string, scope?: string) => signTestToken(sub, scope === undefined ? {} : { claims: { scope } });

  beforeAll(async () => {
    // Many calls per second from one user: the rate limit (tested on its own) is raised out of the way.
    system = await launchSystem({
      gateways: ['web-bff'],
      auth: 'development-secret',
      gatewayEnv: { NODE_ENV: 'test', THROTTLE_BURST_LIMIT: '10000', THROTTLE_LIMIT: '100000' },
      serviceEnv: seedServiceEnv,
    });
  });
  afterAll(() => system?.stop());
  afterEach(() => faults.clear(...Object.values(system.services)));

  describe('GET /api/orders', () => {
    it('pages through all 50 of the caller’s orders, 20 at a time, newest first, each item with its product', async () => {
      const pages: OrderPage[] = [];
      let cursor: string | null = null;
      do {
        const result: HttpResult<OrderPage> = await call<OrderPage>(web(`/api/orders${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`), { token: token('u42') });
        expect(result.status).toBe(200);
        pages.push(result.body);
        cursor = result.body.nextCursor;
      } while (cursor !== null && pages.length < 10);

      expect(pages.map((page) => page.orders.length)).toEqual([20, 20, 10]);
      expect(pages.flatMap((page) => page.orders.map((order) => order.id))).toEqual(orderIds(1, 50));
      const first = pages[0]?.orders[0];
      expect(first).toMatchObject({ id: 'o42-1', userId: 'u42', status: 'processing', total: 591.64, currency: 'USD' });
      expect(first?.items[0]).toEqual({ productId: 'p3', quantity: 2, unitPrice: 59.81, product: studioKettle3 });
      for (const order of pages.flatMap((page) => page.orders)) {
        for (const item of order.items) expect(item.product?.id).toBe(item.productId);
      }
      expect(pages[0]?.meta).toEqual({ degraded: [] });
    });

    it('takes a page size from 1 to 50', async () => {
      const five = await call<OrderPage>(web('/api/orders?limit=5'), { token: token('u42') });
      expect(five.body.orders.map((order) => order.id)).toEqual(orderIds(1, 5));
      const next = await call<OrderPage>(web(`/api/orders?limit=5&cursor=${five.body.nextCursor}`), { token: token('u42') });
      expect(next.body.orders.map((order) => order.id)).toEqual(orderIds(6, 10));
      const fifty = await call<OrderPage>(web('/api/orders?limit=50'), { token: token('u42') });
      expect(fifty.body.orders).toHaveLength(50);
      expect(fifty.body.nextCursor).toBeNull();
    });

    it.each(['limit=0', 'limit=51', 'limit=abc', 'limit=1e1', 'limit=', 'limit=5&limit=6', 'cursor=', 'cursor=not-a-cursor', `cursor=${'a'.repeat(201)}`])(
      'answers 400 to ?%s without asking order-service',
      async (query) => {
        await faults.resetRequests(system.services['order-service']);
        const result = await call(web(`/api/orders?${query}`), { token: token('u42') });
        expectApiError(result, 400);
        expect(await faults.requests(system.services['order-service'])).toEqual({});
      },
    );

    it('refuses another user’s cursor and a products cursor', async () => {
      const theirs = await call<OrderPage>(web('/api/orders?limit=2'), { token: token('u7') });
      expectApiError(await call(web(`/api/orders?cursor=${theirs.body.nextCursor}`), { token: token('u42') }), 400, 'cursor is not valid; start again from the first page');
      const products = await call<ProductPage>(web('/api/products?limit=2'), { token: token('u42') });
      expectApiError(await call(web(`/api/orders?cursor=${products.body.nextCursor}`), { token: token('u42') }), 400, 'cursor is not valid; start again from the first page');
    });

    it('needs a token with orders:read', async () => {
      expectApiError(await call(web('/api/orders')), 401);
      expectApiError(await call(web('/api/orders'), { token: token('u42', 'profile:read') }), 403);
    });
  });

  describe('GET /api/products', () => {
    it('lists the whole catalog in pages of 20, in catalog order', async () => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const result: HttpResult<ProductPage> = await call<ProductPage>(web(`/api/products${cursor ? `?cursor=${cursor}` : ''}`), { token: token('u42') });
        expect(result.status).toBe(200);
        ids.push(...result.body.products.map((product) => product.id));
        cursor = result.body.nextCursor;
        pages++;
      } while (cursor !== null && pages < 10);

      expect(pages).toBe(5);
      expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => `p${i + 1}`));
    });

    it('finds products by any part of their name or description, in any case', async () => {
      const result = await call<ProductPage>(web('/api/products?q=KETTLE&limit=50'), { token: token('u42') });

      expect(result.status).toBe(200);
      expect(result.body.products.length).toBeGreaterThan(0);
      expect(result.body.products).toContainEqual(studioKettle3);
      for (const product of result.body.products) expect(`${product.name} ${product.description}`.toLowerCase()).toContain('kettle');
      const none = await call<ProductPage>(web('/api/products?q=no-such-thing'), { token: token('u42') });
      expect(none.body).toEqual({ products: [], nextCursor: null });
    });

    it('answers one product, and 404 for one the catalog does not have', async () => {
      const found = await call<Product>(web('/api/products/p3'), { token: token('u42') });
      expect(found.status).toBe(200);
      expect(found.body).toEqual(studioKettle3);
      expectApiError(await call(web('/api/products/p999'), { token: token('u42') }), 404, 'Product not found');
    });

    it.each([`/api/products?q=${'x'.repeat(101)}`, '/api/products?limit=0', '/api/products?q=a&q=b', '/api/products/p%2F..%2Fusers', '/api/products/p!1'])(
      'answers 400 to %s without asking catalog-service',
      async (path) => {
        await faults.resetRequests(system.services['catalog-service']);
        expectApiError(await call(web(path), { token: token('u42') }), 400);
        expect(await faults.requests(system.services['catalog-service'])).toEqual({});
      },
    );
  });

  describe('PATCH /api/profile', () => {
    it('changes the caller’s name and avatar, and the profile shows them from then on', async () => {
      const result = await call(web('/api/profile'), {
        method: 'PATCH',
        token: token('u11'),
        body: { name: '  Ada Lovelace ', avatarUrl: 'https://cdn.example.com/avatars/ada.png' },
      });

      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ id: 'u11', name: 'Ada Lovelace', avatarUrl: 'https://cdn.example.com/avatars/ada.png' });
      const profile = await call<{ user: { name: string; avatarUrl: string } }>(web('/api/profile'), { token: token('u11') });
      expect(profile.body.user).toMatchObject({ name: 'Ada Lovelace', avatarUrl: 'https://cdn.example.com/avatars/ada.png' });
    });

    it.each([
      [{}, 'must change name or avatarUrl'],
      [{ name: '' }, /^name: /],
      [{ name: '   ' }, /^name: /],
      [{ name: 'x'.repeat(81) }, /^name: /],
      [{ name: 42 }, /^name: /],
      [{ avatarUrl: 'javascript:alert(1)' }, 'avatarUrl: must be an https URL'],
      [{ avatarUrl: 'http://cdn.example.com/a.png' }, 'avatarUrl: must be an https URL'],
      [{ name: 'Eve', tier: 'gold' }, /tier/],
      [{ email: 'eve@example.com' }, /email/],
      [[{ name: 'Eve' }], 'body: must be an object'],
    ])('answers 400 to %j and changes nothing', async (body, message) => {
      await faults.resetRequests(system.services['user-service']);
      const result = await call(web('/api/profile'), { method: 'PATCH', token: token('u12'), body });
      expect(result.status).toBe(400);
      expect((result.body as { message: string }).message).toMatch(message);
      expectApiError(result, 400);
      expect(await faults.requests(system.services['user-service'])).toEqual({});
    });

    it('answers 400 to a body that is not JSON', async () => {
      const result = await call(web('/api/profile'), {
        method: 'PATCH',
        token: token('u12'),
        headers: { 'content-type': 'application/json' },
        body: undefined,
      });
      expectApiError(result, 400);
      const broken = await fetch(web('/api/profile'), {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token('u12')}`, 'content-type': 'application/json' },
        body: '{"name": ',
      });
      expect(broken.status).toBe(400);
    });

    it('needs the profile:write scope', async () => {
      const result = await call(web('/api/profile'), { method: 'PATCH', token: token('u12', 'profile:read orders:read'), body: { name: 'Eve' } });
      expectApiError(result, 403);
    });
  });

  describe('POST /api/orders', () => {
    const place = (sub: string, body: unknown, idempotencyKey?: string) =>
      call<WebOrder>(web('/api/orders'), { method: 'POST', token: token(sub), body, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });

    it('places an order at the catalog’s prices, answers 201 with its products, and lists it first', async () => {
      const result = await place('u21', { items: [{ productId: 'p3', quantity: 2 }] }, 'first-order-u21');

      expect(result.status).toBe(201);
      expect(result.body).toMatchObject({ userId: 'u21', status: 'processing', total: 119.62, currency: 'USD' });
      expect(result.body.items).toEqual([{ productId: 'p3', quantity: 2, unitPrice: 59.81, product: studioKettle3 }]);
      const orders = await call<OrderPage>(web('/api/orders?limit=2'), { token: token('u21') });
      expect(orders.body.orders[0]?.id).toBe(result.body.id);
      expect(orders.body.orders[1]?.id).toBe('o21-1');
      const detail = await call<WebOrder>(web(`/api/orders/${result.body.id}`), { token: token('u21') });
      expect(detail.body).toEqual(result.body);
    });

    it('places a retried order once: the same Idempotency-Key answers the same order', async () => {
      const body = { items: [{ productId: 'p5', quantity: 1 }, { productId: 'p6', quantity: 3 }] };
      const first = await place('u22', body, 'retry-me-22');
      const retry = await place('u22', body, 'retry-me-22');

      expect([first.status, retry.status]).toEqual([201, 201]);
      expect(retry.body).toEqual(first.body);
      const orders = await call<OrderPage>(web('/api/orders?limit=50'), { token: token('u22') });
      expect(orders.body.orders.filter((order) => order.id === first.body.id)).toHaveLength(1);
      expect(orders.body.orders).toHaveLength(50);
      expect(orders.body.nextCursor).not.toBeNull();
    });

    it('passes the key on when it retries a failed attempt itself, so the service places the order once', async () => {
      await faults.resetRequests(system.services['order-service']);
      await faults.set(system.services['order-service'], { status: 503, times: 1 });

      const result = await place('u23', { items: [{ productId: 'p7', quantity: 1 }] }, 'gateway-retry-23');

      expect(result.status).toBe(201);
      expect((await faults.requests(system.services['order-service']))['POST /orders']).toBe(2);
      expect((await faults.lastRequest(system.services['order-service'])).headers['idempotency-key']).toBe('gateway-retry-23');
      const orders = await call<OrderPage>(web('/api/orders?limit=3'), { token: token('u23') });
      expect(orders.body.orders.map((order) => order.id)).toEqual([result.body.id, 'o23-1', 'o23-2']);
    });

    it('keeps one user’s key apart from another’s', async () => {
      const mine = await place('u24', { items: [{ productId: 'p8', quantity: 1 }] }, 'shared-key');
      const theirs = await place('u25', { items: [{ productId: 'p8', quantity: 1 }] }, 'shared-key');
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(theirs.body.userId).toBe('u25');
    });

    it('answers 409 when a key is reused for a different order, and 422 for a product that does not exist', async () => {
      await place('u26', { items: [{ productId: 'p9', quantity: 1 }] }, 'once-26');
      expectApiError(await place('u26', { items: [{ productId: 'p9', quantity: 2 }] }, 'once-26'), 409);
      expectApiError(await place('u26', { items: [{ productId: 'p999', quantity: 1 }] }), 422, 'An item names a product that does not exist');
    });

    it.each([
      [{}],
      [{ items: [] }],
      [{ items: [{ productId: 'p1', quantity: 0 }] }],
      [{ items: [{ productId: 'p1', quantity: 1.5 }] }],
      [{ items: [{ productId: 'p1', quantity: 100 }] }],
      [{ items: [{ productId: 'p1', quantity: '1' }] }],
      [{ items: [{ productId: '../p1', quantity: 1 }] }],
      [{ items: [{ productId: 'p1', quantity: 1, unitPrice: 0.01 }] }],
      [{ items: [{ productId: 'p1', quantity: 1 }, { productId: 'p1', quantity: 2 }] }],
      [{ items: Array.from({ length: 21 }, (_, i) => ({ productId: `p${i + 1}`, quantity: 1 })) }],
      [{ items: [{ productId: 'p1', quantity: 1 }], userId: 'u1' }],
    ])('answers 400 to %j without asking order-service', async (body) => {
      await faults.resetRequests(system.services['order-service']);
      expectApiError(await place('u27', body), 400);
      expect(await faults.requests(system.services['order-service'])).toEqual({});
    });

    it.each(['', 'x'.repeat(256), 'has space', 'naïve'])('answers 400 to the Idempotency-Key %j', async (key) => {
      const result = await call(web('/api/orders'), {
        method: 'POST',
        token: token('u27'),
        body: { items: [{ productId: 'p1', quantity: 1 }] },
        headers: { 'idempotency-key': key },
      });
      expectApiError(result, 400);
      expect((result.body as { message: string }).message).toMatch(/^Idempotency-Key: /);
    });

    it('needs the orders:write scope', async () => {
      const result = await call(web('/api/orders'), { method: 'POST', token: token('u27', 'orders:read'), body: { items: [{ productId: 'p1', quantity: 1 }] } });
      expectApiError(result, 403);
    });
  });

  describe('GET /api/profile?orders=', () => {
    it('shows 10 orders by default and up to 50 when asked', async () => {
      const ten = await call<{ orders: WebOrder[] }>(web('/api/profile'), { token: token('u31') });
      const fifty = await call<{ orders: WebOrder[] }>(web('/api/profile?orders=50'), { token: token('u31') });
      expect(ten.body.orders.map((order) => order.id)).toEqual(orderIds(1, 10, 31));
      expect(fifty.body.orders.map((order) => order.id)).toEqual(orderIds(1, 50, 31));
      for (const item of fifty.body.orders.flatMap((order) => order.items)) expect(item.product?.id).toBe(item.productId);
      expectApiError(await call(web('/api/profile?orders=51'), { token: token('u31') }), 400);
    });
  });
});
