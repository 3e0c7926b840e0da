// The practical limit of one Node process for the web profile: node:http, undici keep-alive pools,
// the same HS256 check (iss, aud, exp) and the same response shape as web-bff's GET /api/profile,
// and nothing else. The benchmark measures the gateways against it. Not a product: no error shape,
// no limits, no logging.
import { createSecretKey } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from 'jsonwebtoken';
import { Pool } from 'undici';

interface Item { productId: string; quantity: number; unitPrice: number }
interface Order { id: string; items: Item[] }
interface Product { id: string }

const env = process.env;
const key = createSecretKey(Buffer.from(env['JWT_SECRET'] ?? '', 'utf8'));
const pool = (url: string | undefined) => new Pool(url ?? '', { connections: 128, pipelining: 1 });
const users = pool(env['USER_SERVICE_URL']);
const orders = pool(env['ORDER_SERVICE_URL']);
const catalog = pool(env['CATALOG_SERVICE_URL']);

async function getJson<T>(target: Pool, path: string): Promise<T> {
  const { statusCode, body } = await target.request({ method: 'GET', path });
  if (statusCode !== 200) {
    await body.dump();
    throw new Error(`status ${statusCode}`);
  }
  return (await body.json()) as T;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}

async function profile(sub: string, orderLimit: number): Promise<unknown> {
  const id = encodeURIComponent(sub);
  const [user, list] = await Promise.all([
    getJson<unknown>(users, `/users/${id}`),
    getJson<Order[]>(orders, `/orders?userId=${id}&limit=${orderLimit}`),
  ]);
  const ids = [...new Set(list.flatMap((order) => order.items.map((item) => item.productId)))];
  // catalog-service takes at most 100 ids per call (PRODUCT_BATCH_MAX_IDS), as web-bff's client knows.
  const batches = Array.from({ length: Math.ceil(ids.length / 100) }, (_, i) => ids.slice(i * 100, i * 100 + 100));
  const lists = await Promise.all(batches.map((batch) => getJson<Product[]>(catalog, `/products?ids=${batch.join(',')}`)));
  const products = new Map(lists.flat().map((p) => [p.id, p]));
  return {
    user,
    orders: list.map((order) => ({
      ...order,
      items: order.items.map((item) => ({ ...item, product: products.get(item.productId) ?? null })),
    })),
  };
}

const server = createServer((request, response) => {
  // GET /api/profile[?orders=1..50], as web-bff takes it.
  const [path, query] = (request.url ?? '').split('?');
  if (request.method !== 'GET' || path !== '/api/profile') return send(response, 404, { message: 'not found' });
  const orderLimit = query ? Number(new URLSearchParams(query).get('orders')) : 10;
  if (!Number.isInteger(orderLimit) || orderLimit < 1 || orderLimit > 50) return send(response, 400, { message: 'orders: 1 to 50' });
  const header = request.headers.authorization ?? '';
  let sub: string;
  try {
    const claims = verify(header.slice(7), key, { algorithms: ['HS256'], issuer: env['JWT_ISSUER'], audience: env['JWT_AUDIENCE'] });
    if (typeof claims === 'string' || typeof claims.sub !== 'string') throw new Error('no sub');
    sub = claims.sub;
  } catch {
    return send(response, 401, { message: 'unauthorized' });
  }
  profile(sub, orderLimit).then(
    (body) => send(response, 200, body),
    () => send(response, 502, { message: 'bad gateway' }),
  );
});
server.keepAliveTimeout = 65_000;
server.listen(Number(env['PORT'] ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`raw-gateway listening on http://127.0.0.1:${port}\n`);
});
// Exits normally on SIGTERM, so that `node --cpu-prof` (BENCH_CPU_PROF) writes its profile.
process.once('SIGTERM', () => process.exit(0));
