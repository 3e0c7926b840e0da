import Fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector } from './fault.injector';

describe('FaultInjector', () => {
  let fastify: FastifyInstance;
  let base: string;

  beforeEach(async () => {
    fastify = Fastify();
    new FaultInjector().install(fastify);
    fastify.get('/users/:id', async () => ({ id: 'u1' }));
    fastify.get('/users', async () => [{ id: 'u1' }]);
    base = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => fastify.close());

  const setFault = (fault: unknown) => fetch(`${base}/_admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });

  it('takes no fault from a request header: only a standing fault set on its admin route', async () => {
    const response = await fetch(`${base}/users/u1`, { headers: { 'x-fault-status': '503', 'x-fault-delay-ms': '1500' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'u1' });
  });

  it('applies a standing fault the given number of times, and counts requests per route', async () => {
    expect((await setFault({ status: 500, times: 2 })).status).toBe(204);

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${base}/users/u${i}`)).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(await (await fetch(`${base}/_admin/requests`)).json()).toEqual({ 'GET /users/:id': 3 });
    const last = (await (await fetch(`${base}/_admin/last-request`)).json()) as { url: string; headers: Record<string, string> };
    expect(last.url).toBe('/users/u2');
  });

  it('delays the requests of a standing fault by its delayMs', async () => {
    expect((await setFault({ delayMs: 150, times: 1 })).status).toBe(204);
    const started = Date.now();
    const response = await fetch(`${base}/users/u1`);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('limits a standing fault to one route, whose requests alone count against its times', async () => {
    expect((await setFault({ status: 503, times: 2, route: 'GET /users/:id' })).status).toBe(204);
    const statuses = [];
    for (const path of ['/users', '/users/u1', '/users', '/users/u2', '/users/u3']) statuses.push((await fetch(`${base}${path}`)).status);
    expect(statuses).toEqual([200, 503, 200, 503, 200]);
  });

  it.each([
    ['a status that is no error', { status: 200 }],
    ['a route that is no route key', { status: 503, route: '/users/:id' }],
    ['an unknown field', { status: 503, paths: ['/users'] }],
  ])('rejects a standing fault it cannot apply: %s', async (_case, fault) => {
    expect((await setFault(fault)).status).toBe(400);
  });

  it("shows the last request's headers by name, never the value of a credential", async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1NDIifQ.c2ln';
    await fetch(`${base}/users/u1?access_token=${jwt}&fields=id`, {
      headers: {
        authorization: `Bearer ${jwt}`,
        cookie: 'bff_session=sealed-session',
        'x-csrf-token': 'csrf-123',
        'x-user-id': 'u42',
        'x-request-id': 'r-1',
        'x-api-key': 'k-1',
        'x-anything': 'unknown-value',
        // A header whose value tests may see, carrying a token all the same.
        'user-agent': `agent ${jwt}`,
        accept: 'application/json',
      },
    });
    const last = (await (await fetch(`${base}/_admin/last-request`)).json()) as { method: string; url: string; headers: Record<string, string> };
    expect(last.method).toBe('GET');
    expect(last.url).toBe('/users/u1?access_token=[redacted]&fields=id');
    expect(last.headers).toMatchObject({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'x-csrf-token': '[redacted]',
      'x-api-key': '[redacted]',
      'x-anything': '[redacted]',
      'user-agent': '[redacted]',
      'x-user-id': 'u42',
      'x-request-id': 'r-1',
      accept: 'application/json',
    });
    const shown = JSON.stringify(last);
    for (const secret of [jwt, 'sealed-session', 'csrf-123', 'k-1', 'unknown-value']) expect([secret, shown.includes(secret)]).toEqual([secret, false]);
  });

  it('neither counts nor faults its own routes or /health', async () => {
    const other = Fastify();
    new FaultInjector().install(other);
    other.get('/health/ready', async () => ({ status: 'ok' }));
    const local = await other.listen({ port: 0, host: '127.0.0.1' });
    try {
      await fetch(`${local}/_admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 503 }) });
      expect((await fetch(`${local}/health/ready`)).status).toBe(200);
      expect(await (await fetch(`${local}/_admin/requests`)).json()).toEqual({});
    } finally {
      await other.close();
    }
  });
});
