import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { faults } from './support/fault.admin';
import { call, expectApiError } from './support/http.client';
import { TestIssuer } from './support/test-issuer';

// Issue 17, findings 3, 9 and 11: a flood of unknown kids must not lock valid tokens out, no signed claim
// may get past verification unbounded, and a page cursor the gateway did not hand out is refused.

/** The gateways' default JWKS_REFRESH_COOLDOWN_MS: the test runs on what ships. */
const COOLDOWN_MS = 10_000;
/** Rate limits out of the way: they are not under test, and the flood is meant to reach verification. */
const NO_RATE_LIMITS = { THROTTLE_BURST_LIMIT: '100000', THROTTLE_LIMIT: '1000000' };

/**
 * A GET from a chosen loopback address (127.0.0.2, 127.0.1.7, ...), so that a flood comes from many
 * clients, as a real one would: whatever the gateway counts per address, no one address sends much.
 */
function getFrom(localAddress: string, url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { localAddress, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => Math.floor(Date.now() / 1000);
const counts = (statuses: number[]) => statuses.reduce<Record<number, number>>((tally, status) => ({ ...tally, [status]: (tally[status] ?? 0) + 1 }), {});

describe('token hardening (JWKS mode, against a JWKS the test controls)', () => {
  const issuer = new TestIssuer();
  let system: RunningSystem;
  let web: RunningApp;
  let mobile: RunningApp;

  beforeAll(async () => {
    await issuer.start();
    system = await launchSystem({ gateways: [] });
    const env = { ...system.serviceUrls, ...NO_RATE_LIMITS, NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', JWKS_URI: issuer.jwksUri, JWT_ISSUER: issuer.issuer };
    [web, mobile] = await Promise.all([launchApp('web-bff', { env }), launchApp('mobile-bff', { env })]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([web?.stop(), mobile?.stop(), system?.stop()]);
    await issuer.stop();
  });

  it(
    'validates a token of a freshly rotated key within the JWKS cooldown while 100 requests a second carry random kids, fetching the JWKS at most once per cooldown, never answering 500',
    async () => {
      const profile = `${web.url}/api/profile`;
      const before = issuer.token('u42', 'web');
      expect(await getFrom('127.0.0.1', profile, before)).toBe(200);

      // The flood: 10 requests every 100 ms, each from another address, with random kids (alg RS256,
      // and alg none as the finding had it).
      const fetchesBefore = issuer.jwksRequests;
      const floodStarted = Date.now();
      const flood: Array<Promise<number>> = [];
      let sent = 0;
      const timer = setInterval(() => {
        for (let i = 0; i < 10; i++, sent++) {
          const token = issuer.forgedToken(randomUUID(), sent % 5 === 0 ? 'none' : 'RS256');
          flood.push(getFrom(`127.0.0.${2 + (sent % 250)}`, profile, token).catch(() => -1));
        }
      }, 100);

      try {
        await sleep(1_000);
        const rotated = issuer.rotate();
        const rotatedAt = Date.now();
        const fresh = issuer.token('u43', 'web', {}, rotated);
        const polls: number[] = [];
        let acceptedAfterMs: number | undefined;
        for (let attempt = 0; acceptedAfterMs === undefined && Date.now() - rotatedAt < COOLDOWN_MS + 4_000; attempt++) {
          const status = await getFrom(`127.0.1.${2 + (attempt % 250)}`, profile, fresh);
          polls.push(status);
          if (status === 200) acceptedAfterMs = Date.now() - rotatedAt;
          else await sleep(250);
        }
        // A token of a key the gateway knew keeps working all along.
        expect(await getFrom('127.0.2.2', profile, before)).toBe(200);

        expect({ acceptedWithinCooldown: acceptedAfterMs !== undefined && acceptedAfterMs <= COOLDOWN_MS + 2_000, polls: counts(polls) }).toEqual({
          acceptedWithinCooldown: true,
          polls: expect.any(Object),
        });
        expect(polls.filter((status) => status !== 200 && status !== 401)).toEqual([]);
      } finally {
        clearInterval(timer);
      }
      const statuses = await Promise.all(flood);
      const floodMs = Date.now() - floodStarted;

      expect(sent).toBeGreaterThanOrEqual(100);
      // Every forged token is refused as such: never a 500, nor a 503 for the gateway's own keys.
      expect(statuses.filter((status) => status !== 401)).toEqual([]);
      // One fetch at once for the first unknown kid (the first load does not count), then one per cooldown.
      expect(issuer.jwksRequests - fetchesBefore).toBeLessThanOrEqual(Math.ceil(floodMs / COOLDOWN_MS) + 1);
    },
    40_000,
  );

  describe.each([
    ['web-bff', 'web'],
    ['mobile-bff', 'mobile'],
  ])('%s', (gateway, audience) => {
    const profile = (token: string) => call(`${(gateway === 'web-bff' ? web : mobile).url}/api/profile`, { token });
    const claims = (extra: Record<string, unknown> = {}) => ({
      sub: 'u42',
      iss: issuer.issuer,
      aud: audience,
      iat: now(),
      exp: now() + 600,
      scope: 'profile:read orders:read',
      roles: ['customer'],
      ...extra,
    });

    it('accepts a validly signed token of an ordinary lifetime', async () => {
      expect((await profile(issuer.rawToken({}, claims()))).status).toBe(200);
    });

    it('refuses a validly signed token with an unknown critical header (RFC 7515 4.1.11) with 401', async () => {
      const result = await profile(issuer.rawToken({ crit: ['exp-foo'], 'exp-foo': true }, claims()));
      expectApiError(result, 401, 'Invalid or expired token');
      expect(result.headers.get('www-authenticate')).toBe('Bearer realm="bff", error="invalid_token"');
    });

    it.each([
      ['exp: 1e20', { exp: 1e20 }],
      ['an exp 30 days ahead, past the maximum lifetime of a day', { exp: now() + 30 * 86_400 }],
      ['an iat an hour in the future', { iat: now() + 3_600, exp: now() + 4_000 }],
      ['iat: 1e20', { iat: 1e20, exp: 1e20 + 600 }],
      ['no iat', { iat: undefined }],
      ['iat as a string', { iat: 'now' }],
      ['nbf as a string', { nbf: 'soon' }],
      ['exp as a string', { exp: String(now() + 600) }],
      ['sub as an object', { sub: { id: 'u42' } }],
      ['roles as an object', { roles: { admin: true } }],
      ['scope as a number', { scope: 42 }],
      ['email as an object', { email: { address: 'a@example.com' } }],
      ['aud as a number', { aud: 42 }],
    ])('refuses a validly signed token with %s: 401 in the error shape, never a 500', async (_case, extra) => {
      expectApiError(await profile(issuer.rawToken({}, claims(extra))), 401, 'Invalid or expired token');
    });
  });
});

describe('page cursors (both gateways, over their order and product listings)', () => {
  const INVALID = 'cursor is not valid; start again from the first page';
  let system: RunningSystem;
  const url = (gateway: 'web-bff' | 'mobile-bff', path: string) => `${system.gateway(gateway).url}${path}`;
  const token = (gateway: 'web-bff' | 'mobile-bff', sub = 'u42') => signTestToken(sub, { audience: gateway === 'web-bff' ? 'web' : 'mobile' });
  const nextCursor = async (gateway: 'web-bff' | 'mobile-bff', path: string, sub = 'u42') => {
    const result = await call<{ nextCursor: string | null }>(url(gateway, path), { token: token(gateway, sub) });
    expect(result.status).toBe(200);
    if (!result.body.nextCursor) throw new Error(`${path} handed out no cursor`);
    return result.body.nextCursor;
  };
  /** The cursor with the id it carries (in base64url, in its first part) moved on by one: `o42-2` to `o42-3`. */
  const altered = (cursor: string) => {
    const [carried = '', ...rest] = cursor.split('.');
    const moved = Buffer.from(carried, 'base64url')
      .toString()
      .replace(/\d+$/, (n) => String(Number(n) + 1));
    return [Buffer.from(moved).toString('base64url'), ...rest].join('.');
  };

  beforeAll(async () => {
    system = await launchSystem({ auth: 'development-secret', gatewayEnv: { NODE_ENV: 'test', ...NO_RATE_LIMITS } });
  }, 90_000);
  afterAll(() => system?.stop());

  describe.each(['web-bff', 'mobile-bff'] as const)('%s', (gateway) => {
    it('pages on with the cursors it hands out', async () => {
      const cursor = await nextCursor(gateway, '/api/orders?limit=2');
      const next = await call<{ orders: Array<{ id: string }> }>(url(gateway, `/api/orders?limit=2&cursor=${cursor}`), { token: token(gateway) });
      expect(next.status).toBe(200);
      expect(next.body.orders.map((order) => order.id)).toEqual(['o42-3', 'o42-4']);
    });

    it.each([
      ['made by hand, as base64 of the list and an id', () => Promise.resolve(Buffer.from('orders:o42-2').toString('base64url'))],
      ['altered', async () => altered(await nextCursor(gateway, '/api/orders?limit=2'))],
      ['handed out to another user', () => nextCursor(gateway, '/api/orders?limit=2', 'u7')],
      ['of the product list', () => nextCursor(gateway, '/api/products?limit=2')],
    ])('refuses an orders cursor %s with 400, before order-service is asked', async (_case, cursorOf) => {
      const cursor = await cursorOf();
      await faults.resetRequests(system.services['order-service']);
      expectApiError(await call(url(gateway, `/api/orders?cursor=${cursor}`), { token: token(gateway) }), 400, INVALID);
      expect(await faults.requests(system.services['order-service'])).toEqual({});
    });

    it.each([
      ['made by hand, as base64 of the list and an id', () => Promise.resolve(Buffer.from('products:p20').toString('base64url'))],
      ['altered', async () => altered(await nextCursor(gateway, '/api/products?limit=2'))],
      ['of another search', () => nextCursor(gateway, '/api/products?limit=2&q=kettle')],
      ['of the order list', () => nextCursor(gateway, '/api/orders?limit=2')],
    ])('refuses a products cursor %s with 400, before catalog-service is asked', async (_case, cursorOf) => {
      const cursor = await cursorOf();
      await faults.resetRequests(system.services['catalog-service']);
      expectApiError(await call(url(gateway, `/api/products?cursor=${cursor}`), { token: token(gateway) }), 400, INVALID);
      expect(await faults.requests(system.services['catalog-service'])).toEqual({});
    });
  });
});
