import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { randomUUID } from 'node:crypto';
import { call, expectApiError, getFrom } from './support/http.client';
import { deleteKeysWithPrefix, describeWithRedis, keysWithPrefix, SHARED_REDIS_URL } from './support/redis.server';

// A guessed token: well formed, signed with a secret that is not the gateway's.
const guessed = () => signTestToken('u1', { secret: `guess-${randomUUID()}` });

// The budget: 20 answers of 401 or 403 per client address per minute (the module's default).
describe('failed authentication counts (20 per address per minute)', () => {
  let system: RunningSystem;
  const gateways: RunningApp[] = [];
  const startWebBff = async (env: Record<string, string> = {}) => {
    // Burst and sustained limits out of the way: this is about failures only.
    const app = await launchApp('web-bff', { env: { ...system.gatewayEnv, NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', THROTTLE_BURST_LIMIT: '1000', ...env } });
    gateways.push(app);
    return app;
  };

  beforeAll(async () => {
    system = await launchSystem({ gateways: [], auth: 'development-secret' });
  });
  afterAll(async () => {
    await Promise.all(gateways.map((app) => app.stop()));
    await system?.stop();
  });

  describe('on one instance', () => {
    let bff: RunningApp;
    beforeAll(async () => {
      bff = await startWebBff();
    });

    it('answers 429 to an address that keeps sending bad tokens, before verifying its token, and no one else', async () => {
      const results = [];
      for (let i = 0; i < 25; i++) results.push(await getFrom('127.0.0.21', `${bff.url}/api/profile`, { token: guessed() }));

      expect(results.map((r) => r.status)).toEqual([...Array(20).fill(401), ...Array(5).fill(429)]);
      const refused = results[24];
      if (!refused) throw new Error('no 25th answer');
      expectApiError(refused, 429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(55);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // Not a verdict on the token: the JWT guard's challenge is absent.
      expect(refused.headers.get('www-authenticate')).toBeNull();

      // A valid token from that address is refused too: the address is over its budget.
      expect((await getFrom('127.0.0.21', `${bff.url}/api/profile`, { token: signTestToken('u11') })).status).toBe(429);
      // A valid caller from another address is unaffected.
      expect((await call(`${bff.url}/api/profile`, { token: signTestToken('u12') })).status).toBe(200);
      expect((await getFrom('127.0.0.22', `${bff.url}/api/profile`, { token: signTestToken('u13') })).status).toBe(200);
    });

    it('does not count successful requests against the budget', async () => {
      const statuses = [];
      for (let i = 0; i < 30; i++) statuses.push((await getFrom('127.0.0.23', `${bff.url}/api/profile`, { token: signTestToken('u14') })).status);
      for (let i = 0; i < 21; i++) statuses.push((await getFrom('127.0.0.23', `${bff.url}/api/profile`, { token: guessed() })).status);

      expect(statuses).toEqual([...Array(30).fill(200), ...Array(20).fill(401), 429]);
    });
  });

  describeWithRedis('across instances, in the shared Redis', () => {
    const prefix = `test-${randomUUID()}:`;
    let first: RunningApp;
    let second: RunningApp;
    beforeAll(async () => {
      const env = { REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '2000' };
      [first, second] = await Promise.all([startWebBff(env), startWebBff(env)]);
    });
    afterAll(() => deleteKeysWithPrefix(SHARED_REDIS_URL, prefix));

    it('counts an address’s failures on every instance against one budget', async () => {
      const statuses = [];
      for (let i = 0; i < 22; i++) statuses.push((await getFrom('127.0.0.24', `${(i % 2 ? first : second).url}/api/profile`, { token: guessed() })).status);

      expect(statuses).toEqual([...Array(20).fill(401), 429, 429]);
      expect((await getFrom('127.0.0.24', `${first.url}/api/profile`, { token: signTestToken('u15') })).status).toBe(429);
      expect((await getFrom('127.0.0.24', `${second.url}/api/profile`, { token: signTestToken('u15') })).status).toBe(429);
      expect((await getFrom('127.0.0.25', `${first.url}/api/profile`, { token: signTestToken('u16') })).status).toBe(200);
      expect(await keysWithPrefix(SHARED_REDIS_URL, `${prefix}auth-failure:ip:127.0.0.24`)).toHaveLength(2);
    });
  });
});
