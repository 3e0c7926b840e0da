import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { request } from 'node:http';
import { connect } from 'node:net';
import { faults } from './support/fault.admin';
import { call, expectApiError, type HttpResult } from './support/http.client';

const DEADLINE_MS = 800;

/**
 * A request exactly as written: fetch would normalise `..` and `//` away before
 * sending, and a client that wants out of its prefix would not.
 */
function rawCall(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<HttpResult> {
  const { hostname, port } = new URL(base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
        const isJson = headers.get('content-type')?.includes('application/json');
        resolve({ status: response.statusCode ?? 0, headers, body: isJson ? JSON.parse(text) : text, text, durationMs: performance.now() - started });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/**
 * The status of a GET whose header lines are sent byte for byte: Node's own client refuses
 * some that a client can still send (a Trailer field without a chunked body).
 */
function statusOfRawGet(base: string, path: string, headerLines: string[]): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(Number(port), hostname, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n${headerLines.join('\r\n')}\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const statusLine = /^HTTP\/1\.1 (\d{3}) /.exec(received);
      if (statusLine && received.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(Number(statusLine[1]));
      }
    });
    socket.on('error', reject);
  });
}

describe('pass-through routes (GET /api/catalog/products[/:id] -> catalog-service)', () => {
  let system: RunningSystem;
  const extra: RunningApp[] = [];
  const token = signTestToken('u42');
  const mobileToken = signTestToken('u42', { audience: 'mobile' });
  const env = {
    NODE_ENV: 'test',
    REQUEST_DEADLINE_MS: String(DEADLINE_MS),
    // Longer than the deadline: the deadline is what bounds a routed call here.
    DOWNSTREAM_TIMEOUT_MS: '5000',
    THROTTLE_BURST_LIMIT: '10000',
    CIRCUIT_VOLUME_THRESHOLD: '100000',
  };

  beforeAll(async () => {
    system = await launchSystem({ auth: 'development-secret', gatewayEnv: env });
  });
  afterAll(async () => {
    await Promise.all(extra.map((app) => app.stop()));
    await system?.stop();
  });
  beforeEach(() => faults.resetRequests(catalog()));
  afterEach(() => faults.clear(catalog()));

  const web = () => system.gateway('web-bff').url;
  const catalog = () => system.services['catalog-service'];
  const direct = async (path: string) => (await fetch(`${catalog().url}${path}`)).json();

  it("answers catalog-service's own body, for a product and for a list with its query", async () => {
    const product = await call(`${web()}/api/catalog/products/p1`, { token });
    expect(product.status).toBe(200);
    expect(product.headers.get('content-type')).toContain('application/json');
    expect(product.body).toEqual(await direct('/products/p1'));
    expect(product.body).toMatchObject({ id: 'p1', name: expect.any(String) });

    const list = await call<Array<{ id: string }>>(`${web()}/api/catalog/products?ids=p1,p2`, { token });
    expect(list.status).toBe(200);
    expect(list.body.map((item) => item.id)).toEqual(['p1', 'p2']);
    expect((await faults.lastRequest(catalog())).url).toBe('/products?ids=p1,p2');
  });

  it("mobile-bff serves the same read-only route, unversioned, for the phone's token", async () => {
    const result = await call(`${system.gateway('mobile-bff').url}/api/catalog/products/p2`, { token: mobileToken });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(await direct('/products/p2'));
    // A web token does not open the mobile gateway, routed or not.
    expectApiError(await call(`${system.gateway('mobile-bff').url}/api/catalog/products/p2`, { token }), 401);
    // The service's answer has no gateway shape to version: the route is not under /api/v1 or /api/v2.
    expectApiError(await call(`${system.gateway('mobile-bff').url}/api/v1/catalog/products/p2`, { token: mobileToken }), 404);
  });

  it('a 404 of the service is answered as a 404 in the error shape, with its message', async () => {
    expectApiError(await call(`${web()}/api/catalog/products/nope`, { token }), 404, 'Product not found');
  });

  it('answers 401 without a token, and the service sees nothing', async () => {
    expectApiError(await call(`${web()}/api/catalog/products/p1`), 401);
    expect(await faults.requests(catalog())).toEqual({});
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('answers %s with 405 and Allow, and the service sees nothing', async (method) => {
    const result = await call(`${web()}/api/catalog/products/p1`, { token, method, body: method === 'DELETE' ? undefined : { name: 'x' } });
    expectApiError(result, 405);
    expect(result.headers.get('allow')).toBe('GET, HEAD');
    expect(await faults.requests(catalog())).toEqual({});
  });

  it('answers a path under no prefix with the usual 404', async () => {
    expectApiError(await call(`${web()}/api/catalogue/products/p1`, { token }), 404);
  });

  it.each(['/api/catalog/categories', '/api/catalog/products/p1/reviews', '/api/catalog/'])(
    'answers %s, a path the route does not name, with 404 in the error shape, and the service sees nothing',
    async (path) => {
      expectApiError(await call(`${web()}${path}`, { token }), 404);
      expect(await faults.requests(catalog())).toEqual({});
    },
  );

  it.each([
    '/api/catalog/../users/u1',
    '/api/catalog/products/../../users/u1',
    '/api/catalog/%2e%2e/users/u1',
    '/api/catalog/%2E%2e/users/u1',
    '/api/catalog/.%2e/users/u1',
    '/api/catalog/products%2f..%2f..%2fusers',
    '/api/catalog/products%2F1',
    '/api/catalog/..\\..\\users\\u1',
    '/api/catalog//products/p1',
    '/api/catalog/products//p1',
    '/api/catalog/%252e%252e/users/u1',
  ])('answers %s with 400 in the error shape, and the service sees no request', async (path) => {
    const result = await rawCall(web(), path, { headers: { authorization: `Bearer ${token}` } });
    expectApiError(result, 400);
    expect(await faults.requests(catalog())).toEqual({});
  });

  it("passes no hop-by-hop, internal or credential header on, only the route's allow-list", async () => {
    const status = await statusOfRawGet(web(), '/api/catalog/products/p1', [
      `Authorization: Bearer ${token}`,
      'Connection: keep-alive, x-hop-secret',
      'X-Hop-Secret: named by Connection',
      'Keep-Alive: timeout=5',
      'TE: trailers',
      'Trailer: x-checksum',
      'Upgrade: websocket',
      'Proxy-Authorization: Basic cHJveHk6cHJveHk=',
      'X-User-Id: admin',
      'X-User-Roles: admin',
      'X-Internal-Debug: on',
      'X-Forwarded-For: 203.0.113.7',
      'X-Forwarded-Host: evil.example.com',
      'Cookie: bff_session=stolen',
      'X-Deadline-Ms: 999999',
      'X-Request-Id: pass-through-e2e-1',
      'Accept-Language: fr-CH',
    ]);
    expect(status).toBe(200);
    const seen = (await faults.lastRequest(catalog())).headers;
    for (const name of ['x-hop-secret', 'keep-alive', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'x-user-roles', 'x-internal-debug', 'x-forwarded-host', 'cookie']) {
      expect([name, seen[name]]).toEqual([name, undefined]);
    }
    // Who the caller is comes from the gateway only (and, for this route, not at all: credentials 'none').
    expect(seen['x-user-id']).not.toBe('admin');
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(Number(seen['x-deadline-ms'])).toBeLessThanOrEqual(DEADLINE_MS);
    expect(seen['x-request-id']).toBe('pass-through-e2e-1');
    // End-to-end headers go through.
    expect(seen['accept-language']).toBe('fr-CH');
  });

  it("passes the gateway's request id on, the one the client is answered with", async () => {
    const result = await call(`${web()}/api/catalog/products/p1`, { token });
    const requestId = result.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await faults.lastRequest(catalog())).headers['x-request-id']).toBe(requestId);
  });

  it('answers 413 to a body over the limit, and the service sees no request', async () => {
    const body = Buffer.alloc(1024 * 1024 + 1, 'a');
    const result = await rawCall(web(), '/api/catalog/products/p1', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(body.length) },
      body,
    });
    expectApiError(result, 413);
    expect(await faults.requests(catalog())).toEqual({});
  });

  it('answers 504 within the deadline when catalog-service is too slow', async () => {
    await faults.set(catalog(), { delayMs: 3_000 });
    const result = await call(`${web()}/api/catalog/products/p1`, { token });
    expectApiError(result, 504, 'The catalog service did not answer in time');
    expect(result.durationMs).toBeGreaterThan(DEADLINE_MS - 150);
    expect(result.durationMs).toBeLessThan(DEADLINE_MS + 600); // far from the service's 3 s
  });

  it("counts routed calls against the caller's rate limit: 429 with Retry-After past it, and the service sees no more", async () => {
    const bff = await launchApp('web-bff', { env: { ...system.gatewayEnv, ...env, PORT: '0', THROTTLE_BURST_LIMIT: '3', THROTTLE_BURST_TTL_MS: '60000' } });
    extra.push(bff);
    const caller = signTestToken('u77');
    for (let i = 0; i < 3; i++) expect((await call(`${bff.url}/api/catalog/products/p1`, { token: caller })).status).toBe(200);
    await faults.resetRequests(catalog());
    const refused = await call(`${bff.url}/api/catalog/products/p1`, { token: caller });
    expectApiError(refused, 429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await faults.requests(catalog())).toEqual({});
  });

  it('answers 502 when catalog-service fails, and opens its circuit: then 503 at once, without a call', async () => {
    const bff = await launchApp('web-bff', { env: { ...system.gatewayEnv, ...env, PORT: '0', CIRCUIT_VOLUME_THRESHOLD: '4', CIRCUIT_RESET_MS: '60000' } });
    extra.push(bff);
    await faults.set(catalog(), { status: 503 });
    for (let i = 0; i < 4; i++) expectApiError(await call(`${bff.url}/api/catalog/products/p1`, { token }), 502, 'The catalog service failed');
    await faults.resetRequests(catalog());

    const fast = await call(`${bff.url}/api/catalog/products/p1`, { token });
    expectApiError(fast, 503, 'The catalog service is unavailable for now; try again shortly');
    expect(fast.durationMs).toBeLessThan(100);
    expect(await faults.requests(catalog())).toEqual({});
    expect(bff.output()).toContain('circuit open: catalog service failing');
  });
});
