import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { faults } from './support/fault.admin';
import { call, expectApiError } from './support/http.client';

const DOWNSTREAM_TIMEOUT_MS = 300;

describe('errors at the edge', () => {
  let system: RunningSystem;
  let web: string;
  let mobile: string;
  const webToken = signTestToken('u42');

  beforeAll(async () => {
    system = await launchSystem({
      auth: 'development-secret',
      gatewayEnv: { NODE_ENV: 'test', DOWNSTREAM_TIMEOUT_MS: String(DOWNSTREAM_TIMEOUT_MS) },
    });
    web = system.gateway('web-bff').url;
    mobile = system.gateway('mobile-bff').url;
  });
  afterAll(() => system?.stop());
  afterEach(() => faults.clear(...Object.values(system.services)));

  describe('authentication', () => {
    it('answers 401 with a Bearer challenge when no token comes', async () => {
      const result = await call(`${web}/api/profile`);
      expectApiError(result, 401, 'Authentication required');
      expect(result.headers.get('www-authenticate')).toBe('Bearer realm="bff"');
    });

    it.each([
      ['garbage', 'not-a-jwt'],
      ['expired', signTestToken('u42', { expiresInSeconds: -120 })],
      ['wrongly signed', signTestToken('u42', { secret: 'another-secret-that-is-long-enough-to-use' })],
      ['from another issuer', signTestToken('u42', { issuer: 'https://evil.example.com' })],
      ['minted for the mobile app', signTestToken('u42', { audience: 'mobile' })],
      ['without a subject', signTestToken('u42', { claims: { sub: undefined } })],
    ])('answers 401 invalid_token for a %s token, and says no more', async (_case, token) => {
      const result = await call(`${web}/api/profile`, { token });
      expectApiError(result, 401, 'Invalid or expired token');
      expect(result.headers.get('www-authenticate')).toBe('Bearer realm="bff", error="invalid_token"');
    });

    it('does not let a web token open mobile-bff either', async () => {
      expectApiError(await call(`${mobile}/api/profile`, { token: webToken }), 401);
    });
  });

  it('answers 404 when the token’s user does not exist', async () => {
    expectApiError(await call(`${web}/api/profile`, { token: signTestToken('u9999') }), 404, 'User not found');
  });

  it('answers 404 in the same shape for a route that does not exist', async () => {
    expectApiError(await call(`${web}/api/nothing-here`, { token: webToken }), 404);
  });

  it('answers 502 when a required service answers 500', async () => {
    await faults.set(system.services['order-service'], { status: 500 });
    expectApiError(await call(`${web}/api/profile`, { token: webToken }), 502, 'The order service failed');
    expectApiError(await call(`${mobile}/api/profile`, { token: signTestToken('u42', { audience: 'mobile' }) }), 502);
  });

  it('answers 504 soon after the timeout when a required service is slower than it', async () => {
    await faults.set(system.services['order-service'], { delayMs: 2_000 });
    const result = await call(`${web}/api/profile`, { token: webToken });

    expectApiError(result, 504, 'The order service did not answer in time');
    expect(result.durationMs).toBeGreaterThanOrEqual(DOWNSTREAM_TIMEOUT_MS - 10);
    expect(result.durationMs).toBeLessThan(DOWNSTREAM_TIMEOUT_MS + 700); // far from the service's 2 s
  });

  describe('rate limiting', () => {
    let limited: RunningApp;
    beforeAll(async () => {
      limited = await launchApp('web-bff', { env: { ...system.gatewayEnv, NODE_ENV: 'test', PORT: '0', THROTTLE_LIMIT: '3', THROTTLE_TTL_MS: '60000' } });
    });
    afterAll(() => limited?.stop());

    it('lets a caller make THROTTLE_LIMIT calls, then answers 429 with Retry-After', async () => {
      const token = signTestToken('u5');
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await call(`${limited.url}/api/profile`, { token }));

      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(results.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', null]);
      expect(results[0]?.headers.get('x-ratelimit-limit')).toBe('3');
      const refused = results[3];
      if (!refused) throw new Error('no fourth response');
      expectApiError(refused, 429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    });

    it('counts each user on their own', async () => {
      expect((await call(`${limited.url}/api/profile`, { token: signTestToken('u6') })).status).toBe(200);
    });

    it('never limits /health', async () => {
      const statuses = await Promise.all(Array.from({ length: 6 }, () => call(`${limited.url}/health`).then((r) => r.status)));
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    });
  });

  it('answers 502 fast when a required service is down', async () => {
    await system.services['catalog-service'].stop();
    const result = await call(`${web}/api/profile`, { token: webToken });
    expectApiError(result, 502, 'The catalog service failed');
    expect(result.durationMs).toBeLessThan(DOWNSTREAM_TIMEOUT_MS);
  });
});
