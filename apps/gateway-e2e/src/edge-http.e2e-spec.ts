import { launchApp, type RunningApp } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { DEVELOPMENT_JWT_SECRET } from '@bff/config';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, expectApiError, type HttpResult } from './support/http.client';
import { type RawAnswer, rawExchange } from './support/raw-socket.client';

// The edge's HTTP guarantees, against the built web-bff on loopback: time limits on every
// connection, no API documents in production unless asked for, and every answer the gateway
// writes (Fastify's and Node's own included) in the one error shape, with its request id and the
// security headers. The gateway starts alone: nothing here reaches a service.

/** Small limits, so that the tests wait seconds; each is far below the slow path it rules out. */
const LIMITS = { HEADERS_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '3000', KEEP_ALIVE_TIMEOUT_MS: '2000' };
const A_SECRET = 'a-production-secret-of-more-than-32-characters';

const portOf = (app: RunningApp) => Number(new URL(app.url).port);

/** Headers of every answer that are not helmet's: framing, CORS, the request id. */
const NOT_SECURITY = /^(date|connection|keep-alive|content-type|content-length|x-request-id|vary|access-control-.*|cache-control|etag|retry-after)$/;

/** The security headers helmet sends on an ordinary answer, which every other answer must carry too. */
async function helmetHeadersOf(base: string): Promise<Record<string, string>> {
  const ordinary = await call(`${base}/health/live`);
  const headers = Object.fromEntries([...ordinary.headers.entries()].filter(([name]) => !NOT_SECURITY.test(name)));
  // A sanity check that helmet ran at all, so that an empty set cannot make the checks below vacuous.
  expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' });
  return headers;
}

/** What every error answer must be, whoever wrote it: the one shape, its id in the header too, helmet's headers. */
function expectEdgeError(answer: RawAnswer | undefined, security: Record<string, string>, status?: number): void {
  // A connection closed without a word is the failure these cases rule out.
  if (!answer) throw new Error('the gateway closed the connection without an answer');
  const { status: actual, headers, body } = answer;
  if (status !== undefined) expect(actual).toBe(status);
  expect(headers['content-type']).toMatch(/^application\/json/);
  expect(JSON.parse(body)).toEqual({ statusCode: actual, error: expect.any(String), message: expect.any(String), requestId: headers['x-request-id'] });
  expect(headers['x-request-id']).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
  for (const [name, value] of Object.entries(security)) expect({ [name]: headers[name] }).toEqual({ [name]: value });
}

/** A request through node:http, which (unlike fetch) sends a header block of any size. */
function rawRequest(url: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        const flat = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
        resolve({ status: response.statusCode ?? 0, headers: flat, body });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const asRaw = (result: HttpResult): RawAnswer => ({ status: result.status, headers: Object.fromEntries(result.headers.entries()), body: result.text });

describe('the edge’s HTTP guarantees', () => {
  let web: RunningApp;
  let base: string;
  let security: Record<string, string>;
  const token = signTestToken('u42', { audience: 'web' });

  beforeAll(async () => {
    web = await launchApp('web-bff', {
      env: { PORT: '0', METRICS_PORT: '0', NODE_ENV: 'test', JWT_SECRET: DEVELOPMENT_JWT_SECRET, THROTTLE_BURST_LIMIT: '10000', THROTTLE_LIMIT: '100000', ...LIMITS },
    });
    base = web.url;
    security = await helmetHeadersOf(base);
  });
  afterAll(() => web?.stop());

  describe('time limits on every connection', () => {
    it('cuts a body that trickles in (one byte every 5 s) with 408 once REQUEST_TIMEOUT_MS is up, serving everyone else meanwhile', async () => {
      const head = 'POST /api/orders HTTP/1.1\r\nHost: edge\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nX-Request-Id: slow-body-1\r\n\r\n{';
      const slow = rawExchange(portOf(web), [head, ...Array.from({ length: 5 }, () => 'a')], { everyMs: 5_000, waitMs: 20_000 });
      const others: number[] = [];
      const started = performance.now();
      while (performance.now() - started < 2_500) {
        const live = await call(`${base}/health/live`);
        expect(live.status).toBe(200);
        others.push(live.durationMs);
        await sleep(200);
      }
      const cut = await slow;

      // Cut at the limit (checked every second), long before the 100 kB could have arrived.
      expect(cut.closed).toBe(true);
      expect(cut.elapsedMs).toBeGreaterThan(2_900);
      expect(cut.elapsedMs).toBeLessThan(10_000);
      expectEdgeError(cut.answer, security, 408);
      expect(JSON.parse(cut.answer?.body ?? '{}')).toMatchObject({ requestId: 'slow-body-1' });
      // A slow client holds its own socket only: the others were answered at their usual pace.
      expect(others.length).toBeGreaterThan(5);
      expect(Math.max(...others)).toBeLessThan(1_000);
    });

    it('cuts a request whose headers never end with 408 once HEADERS_TIMEOUT_MS is up', async () => {
      const lines = ['GET /api/profile HTTP/1.1\r\n', 'Host: edge\r\n', ...Array.from({ length: 20 }, (_, i) => `X-Slow-${i}: yes\r\n`)];
      const cut = await rawExchange(portOf(web), lines, { everyMs: 500, waitMs: 12_000 });
      expect(cut.closed).toBe(true);
      expect(cut.elapsedMs).toBeGreaterThan(1_900);
      expect(cut.elapsedMs).toBeLessThan(8_000);
      expectEdgeError(cut.answer, security, 408);
    });

    it('closes a keep-alive connection left idle for KEEP_ALIVE_TIMEOUT_MS', async () => {
      const idle = await rawExchange(portOf(web), ['GET /health/live HTTP/1.1\r\nHost: edge\r\n\r\n'], { waitMs: 12_000 });
      expect(idle.answer?.status).toBe(200);
      expect(idle.answer?.headers['connection']).toBe('keep-alive');
      // Closed by the gateway once idle for the limit, not Node's or Fastify's default (5 s, 72 s).
      const idleMs = (idle.closedMs ?? Number.POSITIVE_INFINITY) - idle.elapsedMs;
      expect(idleMs).toBeGreaterThan(1_900);
      expect(idleMs).toBeLessThan(4_500);
    });
  });

  describe('every answer in the one error shape, with its request id and the security headers', () => {
    it('a path parameter over 100 characters: 414', async () => {
      const answer = asRaw(await call(`${base}/api/products/${'p'.repeat(101)}`, { token }));
      expectEdgeError(answer, security, 414);
      expect(JSON.parse(answer.body)).toMatchObject({ message: 'A path parameter is too long (at most 100 characters)' });
    });

    it('a header block over the limit: 431', async () => {
      expectEdgeError(await rawRequest(`${base}/api/profile`, { 'x-padding': 'x'.repeat(20_000) }), security, 431);
    });

    it('malformed JSON: 400', async () => {
      const answer = asRaw(await call(`${base}/api/profile`, { method: 'PATCH', token, headers: { 'content-type': 'application/json' }, body: undefined }));
      expectEdgeError(answer, security, 400);
      const broken = await fetch(`${base}/api/orders`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"items": [' });
      expectEdgeError({ status: broken.status, headers: Object.fromEntries(broken.headers.entries()), body: await broken.text() }, security, 400);
    });

    it('an unknown route: 404; a method a pass-through route does not forward: 404 or 405', async () => {
      expectEdgeError(asRaw(await call(`${base}/api/nowhere`, { token })), security, 404);
      const refused = asRaw(await call(`${base}/api/catalog/products/p1`, { method: 'DELETE', token }));
      expect([404, 405]).toContain(refused.status);
      expectEdgeError(refused, security);
    });

    it('a body over 1 MiB: 413', async () => {
      const answer = asRaw(await call(`${base}/api/orders`, { method: 'POST', token, body: { items: [], padding: 'x'.repeat(1024 * 1024) } }));
      expectEdgeError(answer, security, 413);
    });

    it('a malformed percent-encoding in the path: 400', async () => {
      expectEdgeError(asRaw(await call(`${base}/api/orders/%E0%A4%A`, { token })), security, 400);
    });

    it('malformed requests on raw sockets: every answer that comes back, of every shape', async () => {
      const shapes = [
        'GARBAGE\r\n\r\n',
        '\u0000\u0001\u0002\u0003\r\n\r\n',
        'GET / HTTP/9.9\r\nHost: edge\r\n\r\n',
        'GET /a b c HTTP/1.1\r\nHost: edge\r\n\r\n',
        'GET /health/live HTTP/1.1\r\nHost: edge\r\nBad Header Line\r\n\r\n',
        'GET /health/live HTTP/1.1\r\nHost: edge\r\nX\u007fY: z\r\n\r\n',
        'POST /api/orders HTTP/1.1\r\nHost: edge\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n',
        'POST /api/orders HTTP/1.1\r\nHost: edge\r\nContent-Length: abc\r\n\r\n',
        'POST /api/orders HTTP/1.1\r\nHost: edge\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        'POST /api/orders HTTP/1.1\r\nHost: edge\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n',
        'POST /api/orders HTTP/1.1\r\nHost: edge\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{x',
        `GET /api/orders/${'o'.repeat(150)} HTTP/1.1\r\nHost: edge\r\n\r\n`,
        `GET /health/live HTTP/1.1\r\nHost: edge\r\nX-Padding: ${'x'.repeat(20_000)}\r\n\r\n`,
        'GET /api/orders/%zz HTTP/1.1\r\nHost: edge\r\n\r\n',
      ];
      const requests = Array.from({ length: 50 }, (_, i) => shapes[i % shapes.length] as string);
      const exchanges = [];
      // Ten connections at a time: a crowd of malformed clients, not a flood that measures the machine.
      for (let i = 0; i < requests.length; i += 10) {
        exchanges.push(...(await Promise.all(requests.slice(i, i + 10).map((payload) => rawExchange(portOf(web), [payload], { waitMs: 5_000, untilAnswer: true })))));
      }
      const answers = exchanges.flatMap((exchange) => (exchange.answer ? [exchange.answer] : []));
      // Node answers each of these shapes (none is left for the headers timeout), so nearly all come back.
      expect(answers.length).toBeGreaterThanOrEqual(45);
      for (const answer of answers) expectEdgeError(answer, security);
      // Written by Node's parser (400, 431), Fastify's router (414) and the exception filter (malformed JSON) alike.
      expect([400, 414, 431].filter((status) => !answers.some((answer) => answer.status === status))).toEqual([]);
    });
  });

  describe('what a client is told', () => {
    it('answers 415 to a body that is not JSON, before it reaches any validation', async () => {
      for (const [contentType, body] of [
        ['application/x-www-form-urlencoded', '{"items":[{"productId":"p3","quantity":1}]}'],
        ['text/plain', '{"items":[]}'],
      ]) {
        const sent = await fetch(`${base}/api/orders`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType as string }, body });
        const text = await sent.text();
        expectApiError({ status: sent.status, headers: sent.headers, body: JSON.parse(text) as unknown, text, durationMs: 0 }, 415, 'The body must be JSON: send it with Content-Type: application/json');
      }
    });

    it('names the path parameter that is wrong', async () => {
      const result = await call(`${base}/api/orders/o!42`, { token });
      expectApiError(result, 400);
      expect((result.body as { message: string }).message).toMatch(/^id: /);
    });

    it('words validation problems for a person, each naming its field', async () => {
      const empty = await call(`${base}/api/profile`, { method: 'PATCH', token, body: { name: '   ' } });
      expectApiError(empty, 400, 'name: must not be empty');
      const unknown = await call(`${base}/api/profile`, { method: 'PATCH', token, body: { name: 'Ada', tier: 'gold' } });
      expectApiError(unknown, 400, 'tier: is not a known field');
      const tooMany = await call(`${base}/api/orders`, { method: 'POST', token, body: { items: [{ productId: 'p3', quantity: 100 }] } });
      expectApiError(tooMany, 400, 'items.0.quantity: must be 99 or less');
    });
  });
});

describe('the API documents in production', () => {
  const production = { PORT: '0', METRICS_PORT: '0', NODE_ENV: 'production', JWT_SECRET: A_SECRET, SESSION_SECRET: `${A_SECRET}-session`, OIDC_CLIENT_SECRET: `${A_SECRET}-oidc` };

  it('are not served unless OPENAPI_DOCS=on', async () => {
    const web = await launchApp('web-bff', { env: production });
    try {
      for (const path of ['/docs', '/docs-json']) expectApiError(await call(`${web.url}${path}`), 404);
    } finally {
      await web.stop();
    }
  });

  it('are served with OPENAPI_DOCS=on', async () => {
    const web = await launchApp('web-bff', { env: { ...production, OPENAPI_DOCS: 'on' } });
    try {
      const json = await call<{ info: { title: string } }>(`${web.url}/docs-json`);
      expect([json.status, json.body.info.title]).toEqual([200, 'web-bff']);
    } finally {
      await web.stop();
    }
  });
});
