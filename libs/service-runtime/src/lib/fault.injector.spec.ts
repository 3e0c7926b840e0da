import Fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector } from './fault.injector';

describe('FaultInjector', () => {
  let fastify: FastifyInstance;
  let base: string;

  beforeEach(async () => {
    fastify = Fastify();
    new FaultInjector().install(fastify);
    fastify.get('/users/:id', async () => ({ id: 'u1' }));
    base = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => fastify.close());

  it('answers with the status a request asks for', async () => {
    const response = await fetch(`${base}/users/u1`, { headers: { 'x-fault-status': '503' } });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'Injected fault' });
  });

  it('delays a request by the time it asks for', async () => {
    const started = Date.now();
    const response = await fetch(`${base}/users/u1`, { headers: { 'x-fault-delay-ms': '150' } });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('ignores malformed fault headers', async () => {
    const response = await fetch(`${base}/users/u1`, { headers: { 'x-fault-status': '200; drop table', 'x-fault-delay-ms': '-1' } });
    expect(response.status).toBe(200);
  });

  it('applies a standing fault the given number of times, and counts requests per route', async () => {
    const put = await fetch(`${base}/_admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 500, times: 2 }),
    });
    expect(put.status).toBe(204);

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${base}/users/u${i}`)).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(await (await fetch(`${base}/_admin/requests`)).json()).toEqual({ 'GET /users/:id': 3 });
    const last = (await (await fetch(`${base}/_admin/last-request`)).json()) as { url: string; headers: Record<string, string> };
    expect(last.url).toBe('/users/u2');
  });

  it('rejects a standing fault it cannot apply', async () => {
    const put = await fetch(`${base}/_admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 200 }),
    });
    expect(put.status).toBe(400);
  });
});
