import type { Order, Product, User } from '@bff/contracts';
import type { CatalogClient, OrderClient, UserClient } from '@bff/service-clients';
import { ProductCatalog } from './product.catalog';
import { allItemProducts, firstItemProducts, ProfileAggregator } from './profile.aggregator';

const user: User = { id: 'u1', name: 'Ada', email: 'ada@example.com', avatarUrl: 'a.png', tier: 'gold', createdAt: '2024-01-01T00:00:00.000Z' };
const order = (id: string, productIds: string[]): Order => ({
  id,
  userId: 'u1',
  status: 'delivered',
  total: 10,
  currency: 'USD',
  createdAt: '2026-01-01T00:00:00.000Z',
  items: productIds.map((productId) => ({ productId, quantity: 1, unitPrice: 5 })),
});
const product = (id: string): Product => ({ id, name: id, description: '', price: 5, currency: 'USD', imageUrl: '', thumbnailUrl: '' });

/**
 * In-memory stand-ins for the three clients (the aggregator's I/O boundary) that record
 * what was asked and when, and answer only when released, to observe concurrency.
 */
function fakeClients(orders: Order[]) {
  const calls: string[] = [];
  const pending: Array<() => void> = [];
  const later = <T>(name: string, value: T) =>
    new Promise<T>((resolve) => {
      calls.push(name);
      pending.push(() => resolve(value));
    });
  const users = { getUser: (id: string) => later(`user ${id}`, user) } as Pick<UserClient, 'getUser'>;
  const orderClient = { listForUser: (id: string, limit: number) => later(`orders ${id} ${limit}`, orders.slice(0, limit)) } as Pick<OrderClient, 'listForUser'>;
  const catalog = { getProducts: (ids: readonly string[]) => later(`products ${ids.join(',')}`, ids.map(product)) } as Pick<CatalogClient, 'getProducts'>;
  const releaseAll = () => pending.splice(0).forEach((release) => release());
  const products = new ProductCatalog(catalog as CatalogClient, { catalogCacheTtlMs: 0 });
  return { calls, releaseAll, aggregator: new ProfileAggregator(users as UserClient, orderClient as OrderClient, products) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ProfileAggregator', () => {
  it('asks for the user and the orders at once, then for the products in one call', async () => {
    const { calls, releaseAll, aggregator } = fakeClients([order('o1', ['p1', 'p2']), order('o2', ['p2', 'p3'])]);

    const loading = aggregator.load('u1', { orderLimit: 10, productIdsOf: allItemProducts });
    await flush();
    expect(calls).toEqual(['user u1', 'orders u1 10']);

    releaseAll();
    await flush();
    expect(calls).toEqual(['user u1', 'orders u1 10', 'products p1,p2,p3']);

    releaseAll();
    const profile = await loading;
    expect(profile.user).toEqual(user);
    expect(profile.orders.map((o) => o.id)).toEqual(['o1', 'o2']);
    expect([...profile.products.keys()].sort()).toEqual(['p1', 'p2', 'p3']);
    expect(profile.degraded).toEqual([]);
  });

  it('makes no catalog call for a user without orders', async () => {
    const { calls, releaseAll, aggregator } = fakeClients([]);
    const loading = aggregator.load('u1', { orderLimit: 5, productIdsOf: firstItemProducts });
    await flush();
    releaseAll();
    const profile = await loading;

    expect(calls).toEqual(['user u1', 'orders u1 5']);
    expect(profile.products.size).toBe(0);
  });

  it('picks every item’s product for web and the first item’s for mobile', () => {
    const orders = [order('o1', ['p1', 'p2']), order('o2', []), order('o3', ['p3', 'p4'])];
    expect(allItemProducts(orders)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(firstItemProducts(orders)).toEqual(['p1', 'p3']);
  });
});
