import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// user-service, order-service, catalog-service and recommendation-service as another team might
// write them from the README's service API alone, on one loopback port: the same paths and fields,
// but with values the gateway's team never saw (tiers `platinum` and `free`, order statuses
// `returned` and `awaiting-pickup`), fields the README does not name at every depth, and fields it
// names left out where a screen can do without them. Deliberately not built on @bff/contracts or the
// sample services: it shares nothing with the gateway but the README.

/** The services this server plays, as the gateway names them in its metrics and messages. */
export type ForeignServiceName = 'user' | 'order' | 'catalog' | 'recommendation';

export interface ForeignServices {
  url: string;
  /** Requests received per service, health checks aside. */
  calls: Record<ForeignServiceName, number>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

/** u1 and u2 use tiers added after the gateway was built; u3 leaves out what it may; `u-broken` has no id. */
export const FOREIGN_USERS: Record<string, Json> = {
  u1: {
    id: 'u1',
    name: 'Mira Okafor',
    email: 'mira@example.org',
    avatarUrl: 'https://images.example.org/mira.png',
    tier: 'platinum',
    createdAt: '2021-03-04T05:06:07.000Z',
    loyaltyPoints: 12_400,
    preferences: { locale: 'fr-FR', newsletter: true },
    links: { self: '/users/u1' },
  },
  u2: { id: 'u2', name: 'Tom Free', email: 'tom@example.org', avatarUrl: 'https://images.example.org/tom.png', tier: 'free', createdAt: '2025-01-01T00:00:00.000Z', verified: false },
  u3: { id: 'u3', name: 'Ana Minimal', createdAt: '2024-06-30T12:00:00.000Z' },
  'u-broken': { name: 'No Id', email: 'noid@example.org', avatarUrl: '', tier: 'gold', createdAt: '2024-01-01T00:00:00.000Z' },
};

export const FOREIGN_PRODUCTS: Json[] = [
  { id: 'p1', name: 'Copper Kettle', description: 'Boils water', price: 49.5, currency: 'EUR', imageUrl: 'https://images.example.org/p1.jpg', thumbnailUrl: 'https://images.example.org/p1-t.jpg', stock: 12, rating: { average: 4.6, count: 31 } },
  { id: 'p2', name: 'Tea Tin', description: 'Keeps tea dry', price: 12, currency: 'EUR', imageUrl: 'https://images.example.org/p2.jpg', thumbnailUrl: 'https://images.example.org/p2-t.jpg', categories: ['kitchen', 'tea'] },
  { id: 'p3', name: 'Mug', description: 'Holds tea', price: 8.25, currency: 'EUR', imageUrl: 'https://images.example.org/p3.jpg', thumbnailUrl: 'https://images.example.org/p3-t.jpg', variants: [{ color: 'blue' }] },
  // No description and no pictures: the README names them, but a product can be sold without.
  { id: 'p4', name: 'Mystery Box', price: 20, currency: 'EUR', sponsored: true },
];

const line = (productId: string, quantity: number, unitPrice: number): Json => ({ productId, quantity, unitPrice, sku: `SKU-${productId}`, discount: { percent: 0 } });

/** Newest first, as `GET /orders` sorts them. */
export const FOREIGN_ORDERS: Json[] = [
  { id: 'o-u1-3', userId: 'u1', status: 'returned', total: 61.5, currency: 'EUR', createdAt: '2026-05-03T10:00:00.000Z', items: [line('p1', 1, 49.5), line('p2', 1, 12)], trackingUrl: 'https://track.example.org/3', refund: { amount: 61.5 } },
  { id: 'o-u1-2', userId: 'u1', status: 'awaiting-pickup', total: 16.5, currency: 'EUR', createdAt: '2026-04-02T10:00:00.000Z', items: [line('p3', 2, 8.25)], warehouse: 'LYS-2' },
  { id: 'o-u1-1', userId: 'u1', status: 'shipped', total: 20, currency: 'EUR', createdAt: '2026-03-01T10:00:00.000Z', items: [line('p4', 1, 20)], giftWrap: true },
  { id: 'o-u2-1', userId: 'u2', status: 'delivered', total: 12, currency: 'EUR', createdAt: '2026-02-01T10:00:00.000Z', items: [line('p2', 1, 12)] },
  { id: 'o-u3-1', userId: 'u3', status: 'processing', total: 8.25, currency: 'EUR', createdAt: '2026-01-01T10:00:00.000Z', items: [line('p3', 1, 8.25)] },
];

const RECOMMENDATIONS: Json[] = [
  { productId: 'p2', score: 0.93, reason: 'bought together', model: 'cf-2026.4' },
  { productId: 'p4', score: 0.71, reason: 'trending', model: 'cf-2026.4' },
  { productId: 'p1', score: 0.4 },
];

/** Starts the four services on one free loopback port. */
export async function startForeignServices(): Promise<ForeignServices> {
  const calls: Record<ForeignServiceName, number> = { user: 0, order: 0, catalog: 0, recommendation: 0 };
  const server = createServer((request, response) => {
    try {
      answer(request, response, calls);
    } catch {
      send(response, 500, { message: 'internal error' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(request: IncomingMessage, response: ServerResponse, calls: Record<ForeignServiceName, number>): void {
  const url = new URL(request.url ?? '/', 'http://foreign.test');
  const [resource, id, ...rest] = url.pathname.split('/').filter(Boolean);
  const query = url.searchParams;
  if (request.method !== 'GET' || rest.length > 0) return send(response, 405, { message: 'only GET is implemented' });
  if (resource === 'health') return send(response, 200, { status: 'ok', build: 'foreign-1.0' });

  if (resource === 'users') {
    calls.user++;
    const user = id === undefined ? undefined : FOREIGN_USERS[id];
    return user ? send(response, 200, user) : send(response, 404, { message: 'no such user' });
  }
  if (resource === 'orders') {
    calls.order++;
    if (id !== undefined) {
      const order = FOREIGN_ORDERS.find((candidate) => candidate.id === id);
      return order ? send(response, 200, order) : send(response, 404, { message: 'no such order' });
    }
    const mine = FOREIGN_ORDERS.filter((order) => order.userId === query.get('userId'));
    return page(response, mine, query);
  }
  if (resource === 'products') {
    calls.catalog++;
    if (id !== undefined) {
      const product = FOREIGN_PRODUCTS.find((candidate) => candidate.id === id);
      return product ? send(response, 200, product) : send(response, 404, { message: 'no such product' });
    }
    const ids = query.get('ids');
    if (ids !== null) return send(response, 200, FOREIGN_PRODUCTS.filter((product) => ids.split(',').includes(String(product.id))));
    const text = (query.get('q') ?? '').toLowerCase();
    return page(response, FOREIGN_PRODUCTS.filter((product) => `${String(product.name)} ${String(product.description ?? '')}`.toLowerCase().includes(text)), query);
  }
  if (resource === 'recommendations') {
    calls.recommendation++;
    return send(response, 200, RECOMMENDATIONS.slice(0, Number(query.get('limit') ?? 10)));
  }
  send(response, 404, { message: 'not found' });
}

/** `limit` items after the one with id `after` (a 400 when there is no such item). */
function page(response: ServerResponse, items: Json[], query: URLSearchParams): void {
  const after = query.get('after');
  const start = after === null ? 0 : items.findIndex((item) => item.id === after) + 1;
  if (after !== null && start === 0) return send(response, 400, { message: 'unknown after' });
  send(response, 200, items.slice(start, start + Number(query.get('limit') ?? 10)));
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
