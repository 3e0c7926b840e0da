import type { Product, User } from '@bff/contracts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CatalogClient } from './catalog.client';
import {
  DownstreamContractError,
  DownstreamNotFoundError,
  DownstreamTimeoutError,
  DownstreamUnavailableError,
  InvalidCredentialsError,
} from './downstream.errors';
import { IdentityClient } from './identity.client';
import { OrderClient } from './order.client';
import { RecommendationClient } from './recommendation.client';
import { serviceClientsAt } from '../testing';
import { UserClient } from './user.client';

const ada: User = {
  id: 'u1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  avatarUrl: 'https://cdn.example.com/avatars/u1.png',
  tier: 'gold',
  createdAt: '2024-01-01T00:00:00.000Z',
};

const product = (id: string): Product => ({
  id,
  name: `Product ${id}`,
  description: 'A product',
  price: 9.99,
  currency: 'USD',
  imageUrl: `https://cdn.example.com/${id}.jpg`,
  thumbnailUrl: `https://cdn.example.com/${id}-thumb.jpg`,
});

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A stand-in service on loopback: the clients' real I/O boundary, answering as each test says. */
async function fakeService(handler: Handler): Promise<{ url: string; server: Server; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

const modules: Array<{ close(): Promise<void> }> = [];

async function clientsFor(url: string, timeoutMs = 300) {
  const moduleRef = await serviceClientsAt(url, { timeoutMs });
  modules.push(moduleRef);
  return { users: moduleRef.get(UserClient), orders: moduleRef.get(OrderClient), catalog: moduleRef.get(CatalogClient), moduleRef };
}

describe('service clients', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(modules.splice(0).map((moduleRef) => moduleRef.close()));
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });
  async function serve(handler: Handler) {
    const fake = await fakeService(handler);
    servers.push(fake.server);
    return fake;
  }

  it('returns the typed body, without fields the contract does not name, and passes the request id on', async () => {
    const fake = await serve((_request, response) => json(response, 200, { ...ada, passwordHash: 'secret' }));
    const { users } = await clientsFor(fake.url);

    await expect(users.getUser('u1', { requestId: 'req-123', userId: 'u1', accessToken: 'tok.en.sig' })).resolves.toEqual(ada);
    expect(fake.requests[0]?.url).toBe('/users/u1');
    expect(fake.requests[0]?.headers['x-request-id']).toBe('req-123');
  });

  it("tells no service who the caller is: no client's call carries the caller's token or x-user-id", async () => {
    const fake = await serve((_request, response) => json(response, 404, { message: 'not here' }));
    const { users, orders, catalog, moduleRef } = await clientsFor(fake.url);
    const context = { requestId: 'req-1', userId: 'u42', accessToken: 'tok.en.sig' };
    const calls: Array<Promise<unknown>> = [
      users.getUser('u42', context),
      users.updateUser('u42', { name: 'Ada' }, context),
      orders.listPage('u42', { limit: 5 }, context),
      orders.getOrder('o42-1', context),
      orders.placeOrder({ userId: 'u42', items: [{ productId: 'p1', quantity: 1 }] }, 'key-1', context),
      catalog.getProducts(['p1'], context),
      catalog.search('lamp', { limit: 5 }, context),
      moduleRef.get(RecommendationClient).listForUser('u42', 5, context),
      moduleRef.get(IdentityClient).requestToken({ email: 'a@example.com', password: 'pw', audience: 'web' }, context),
    ];
    await Promise.allSettled(calls);

    expect(fake.requests.length).toBeGreaterThanOrEqual(calls.length);
    for (const { method, url, headers } of fake.requests) {
      expect([method, url, headers['authorization'], headers['x-user-id'], headers['x-request-id']]).toEqual([method, url, undefined, undefined, 'req-1']);
    }
  });

  it('asks identity-service for a token, and names a refusal', async () => {
    const bodies: string[] = [];
    const fake = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(body);
        const { password } = JSON.parse(body) as { password: string };
        if (password === 'right') json(response, 200, { accessToken: 'a.b.c', tokenType: 'Bearer', expiresIn: 900 });
        else json(response, 401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' });
      });
    });
    const { moduleRef } = await clientsFor(fake.url);
    const identity = moduleRef.get(IdentityClient);

    await expect(identity.requestToken({ email: 'a@example.com', password: 'right', audience: 'web' })).resolves.toEqual({
      accessToken: 'a.b.c',
      tokenType: 'Bearer',
      expiresIn: 900,
    });
    expect(fake.requests[0]?.method).toBe('POST');
    expect(fake.requests[0]?.url).toBe('/auth/token');
    expect(JSON.parse(bodies[0] ?? '{}')).toEqual({ email: 'a@example.com', password: 'right', audience: 'web' });
    await expect(identity.requestToken({ email: 'a@example.com', password: 'wrong', audience: 'web' })).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('encodes ids so that a caller cannot steer the path', async () => {
    const fake = await serve((_request, response) => json(response, 404, { message: 'User not found' }));
    const { users } = await clientsFor(fake.url);

    await expect(users.getUser('../admin?x=1')).rejects.toBeInstanceOf(DownstreamNotFoundError);
    expect(fake.requests[0]?.url).toBe('/users/..%2Fadmin%3Fx%3D1');
  });

  it('turns a 404 into DownstreamNotFoundError naming the resource', async () => {
    const fake = await serve((_request, response) => json(response, 404, { message: 'User not found' }));
    const { users } = await clientsFor(fake.url);

    await expect(users.getUser('u9999')).rejects.toEqual(new DownstreamNotFoundError('user', 'user'));
  });

  it('turns a 5xx into DownstreamUnavailableError with the status', async () => {
    const fake = await serve((_request, response) => json(response, 503, { message: 'down' }));
    const { orders } = await clientsFor(fake.url);

    const error = await orders.listForUser('u1', 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownstreamUnavailableError);
    expect((error as DownstreamUnavailableError).status).toBe(503);
    expect(fake.requests[0]?.url).toBe('/orders?userId=u1&limit=10');
  });

  it('gives up at the timeout with DownstreamTimeoutError', async () => {
    const fake = await serve((_request, response) => setTimeout(() => json(response, 200, ada), 1_000));
    const { users } = await clientsFor(fake.url, 100);

    const started = Date.now();
    await expect(users.getUser('u1')).rejects.toBeInstanceOf(DownstreamTimeoutError);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('reports a service that refuses connections as unavailable', async () => {
    const fake = await serve(() => undefined);
    await new Promise((resolve) => fake.server.close(resolve));
    servers.pop();
    const { users } = await clientsFor(fake.url);

    const error = await users.getUser('u1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownstreamUnavailableError);
    expect((error as Error).message).toBe('user service is unreachable');
  });

  it('rejects a body that breaks the contract', async () => {
    const fake = await serve((_request, response) => json(response, 200, { id: 'u1', name: 42 }));
    const { users } = await clientsFor(fake.url);

    await expect(users.getUser('u1')).rejects.toBeInstanceOf(DownstreamContractError);
  });

  it('rejects a 200 whose body is not JSON', async () => {
    const fake = await serve((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>'));
    const { users } = await clientsFor(fake.url);

    await expect(users.getUser('u1')).rejects.toEqual(new DownstreamContractError('user', 'response body is not JSON'));
  });

  it('keeps the path of a base URL that has one', async () => {
    const fake = await serve((_request, response) => json(response, 200, ada));
    const { users } = await clientsFor(`${fake.url}/v2/`);

    await users.getUser('u1');
    expect(fake.requests[0]?.url).toBe('/v2/users/u1');
  });

  it('asks the catalog once per 100 distinct ids', async () => {
    const fake = await serve((request, response) => {
      const ids = new URL(request.url ?? '/', 'http://x').searchParams.get('ids')?.split(',') ?? [];
      json(response, 200, ids.map(product));
    });
    const { catalog } = await clientsFor(fake.url);
    const ids = Array.from({ length: 150 }, (_, i) => `p${i + 1}`);

    const products = await catalog.getProducts([...ids, 'p1', 'p2']);
    expect(products.map((p) => p.id)).toEqual(ids);
    expect(fake.requests).toHaveLength(2);
  });
});
