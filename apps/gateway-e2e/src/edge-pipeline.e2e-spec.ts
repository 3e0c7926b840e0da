import { launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { expectApiError, getFrom, type HttpResult } from './support/http.client';
import { metric } from './support/metrics.reader';

// The one edge pipeline on every kind of route (issue 15): a screen (a Nest controller), a
// pass-through (a route Fastify calls itself), health, and a path no route serves. Each gets the
// request id, helmet's headers and its metric; the routes for clients get authentication,
// authorization and one rate-limit budget per caller across kinds, and one failed-authentication
// budget per address. Against the built web-bff and the sample services on loopback.

const SCREEN = '/api/profile';
const PASS_THROUGH = '/api/catalog/products';
const HEALTH = '/health/live';
const NO_ROUTE = '/api/no-such-screen';

describe('the edge pipeline on every kind of route', () => {
  let system: RunningSystem;
  let web: RunningApp;

  beforeAll(async () => {
    system = await launchSystem({
      auth: 'development-secret',
      gateways: ['web-bff'],
      // Small budgets, so that a few requests reach them; the burst policy out of the way.
      gatewayEnv: { NODE_ENV: 'test', THROTTLE_BURST_LIMIT: '10000', THROTTLE_LIMIT: '6', THROTTLE_AUTH_FAILURE_LIMIT: '4' },
    });
    web = system.gateway('web-bff');
  });
  afterAll(() => system?.stop());

  it('gives every kind of route the request id, helmet’s headers and its metric', async () => {
    const kinds = [
      { path: SCREEN, status: 200, route: SCREEN },
      { path: PASS_THROUGH, status: 200, route: '/api/catalog/*' },
      { path: HEALTH, status: 200, route: HEALTH },
      { path: NO_ROUTE, status: 404, route: 'unmatched' },
    ];
    for (const [index, kind] of kinds.entries()) {
      const answer = await getFrom('127.0.0.41', `${web.url}${kind.path}`, { token: signTestToken(`u2${index}`), headers: { 'x-request-id': `kind-${index}` } });

      expect({ path: kind.path, status: answer.status }).toEqual({ path: kind.path, status: kind.status });
      expect(answer.headers.get('x-request-id')).toBe(`kind-${index}`);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(await metric(web, 'bff_http_request_duration_seconds_count', { route: kind.route, status: String(kind.status) })).toBeGreaterThanOrEqual(1);
    }
  });

  it('authenticates screens and pass-through alike, and leaves health alone', async () => {
    for (const path of [SCREEN, PASS_THROUGH]) {
      const missing = await getFrom('127.0.0.42', `${web.url}${path}`);
      expectApiError(missing, 401);
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrongAudience = await getFrom('127.0.0.42', `${web.url}${path}`, { token: signTestToken('u-aud', { audience: 'mobile' }) });
      expectApiError(wrongAudience, 401);
    }
    expect((await getFrom('127.0.0.42', `${web.url}${HEALTH}`)).status).toBe(200);
  });

  it('checks a HEAD as its GET, once', async () => {
    // fetch, not `call`: a HEAD answer has no body to parse.
    const ask = (method: string, path: string, token?: string) => fetch(`${web.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
    for (const path of [SCREEN, PASS_THROUGH]) expect((await ask('HEAD', path)).status).toBe(401);
    const token = signTestToken('u34');
    const remaining = async (method: string) => Number((await ask(method, SCREEN, token)).headers.get('x-ratelimit-remaining'));

    // One request each against the caller's budget of 6, HEAD included.
    expect([await remaining('GET'), await remaining('HEAD'), await remaining('GET')]).toEqual([5, 4, 3]);
  });

  it('refuses a screen to a token without the scope it needs, with 403', async () => {
    const answer = await getFrom('127.0.0.43', `${web.url}${SCREEN}`, { token: signTestToken('u-scope', { claims: { scope: 'orders:read' } }) });

    expectApiError(answer, 403);
  });

  it('counts a caller’s screens and pass-through calls against one rate limit, and never health', async () => {
    const token = signTestToken('u31');
    const answers: HttpResult[] = [];
    for (let i = 0; i < 8; i++) answers.push(await getFrom('127.0.0.44', `${web.url}${i % 2 ? PASS_THROUGH : SCREEN}`, { token }));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect(answers[0]?.headers.get('x-ratelimit-limit')).toBe('6');
    expect(answers[1]?.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(Number(answers[7]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const health = await getFrom('127.0.0.44', `${web.url}${HEALTH}`, { token });
    expect(health.status).toBe(200);
    expect(health.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('counts failed authentication on any route against one budget per address, before any token is checked', async () => {
    const guessed = signTestToken('u-guess', { secret: 'not-the-gateway-secret-but-as-long-as-one' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await getFrom('127.0.0.45', `${web.url}${i % 2 ? PASS_THROUGH : SCREEN}`, { token: guessed })).status);
    const refused = await getFrom('127.0.0.45', `${web.url}${PASS_THROUGH}`, { token: signTestToken('u33') });

    expect(statuses).toEqual([401, 401, 401, 401]);
    expectApiError(refused, 429);
    // Refused before its token was looked at: no verdict on it.
    expect(refused.headers.get('www-authenticate')).toBeNull();
    expect((await getFrom('127.0.0.46', `${web.url}${SCREEN}`, { token: signTestToken('u32') })).status).toBe(200);
  });
});
