import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { randomUUID } from 'node:crypto';
import { call, expectApiError } from './support/http.client';
import { DisposableRedis, deleteKeysWithPrefix, describeWithRedis, keysWithPrefix, SHARED_REDIS_URL } from './support/redis.server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limiting', () => {
  let system: RunningSystem;
  const gateways: RunningApp[] = [];
  const startWebBff = async (env: Record<string, string>) => {
    const app = await launchApp('web-bff', { env: { ...system.gatewayEnv, NODE_ENV: 'test', PORT: '0', ...env } });
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

  it('refuses a burst past THROTTLE_BURST_LIMIT per second, then lets the caller in again', async () => {
    // A 2 s window: four requests one after the other fit in it even on a busy machine.
    const bff = await startWebBff({ THROTTLE_BURST_LIMIT: '3', THROTTLE_BURST_TTL_MS: '2000' });
    const token = signTestToken('u11');
    const burst = [];
    for (let i = 0; i < 4; i++) burst.push(await call(`${bff.url}/api/profile`, { token }));

    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(burst[0]?.headers.get('x-ratelimit-limit-burst')).toBe('3');
    expect(burst[0]?.headers.get('x-ratelimit-limit')).toBe('600');
    const refused = burst[3];
    if (!refused) throw new Error('no fourth response');
    expectApiError(refused, 429);
    expect(['1', '2']).toContain(refused.headers.get('retry-after'));

    await sleep(2_100);
    const again = await call(`${bff.url}/api/profile`, { token });
    expect(again.status).toBe(200);
    // Every policy counts every request, the refused one too: 5 of the sustained 600 are used.
    expect(again.headers.get('x-ratelimit-remaining')).toBe('595');
  });

  describeWithRedis('across instances, in the shared Redis', () => {
    const prefix = `test-${randomUUID()}:`;
    let first: RunningApp;
    let second: RunningApp;

    beforeAll(async () => {
      // 200 requests at once saturate two cores: generous timeouts keep this test about counting, not latency.
      const env = {
        REDIS_URL: SHARED_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        REDIS_TIMEOUT_MS: '2000',
        DOWNSTREAM_TIMEOUT_MS: '10000',
        // The deadline too, and with it what admission control would refuse as unanswerable in time.
        REQUEST_DEADLINE_MS: '20000',
        THROTTLE_LIMIT: '50',
        THROTTLE_BURST_LIMIT: '100000',
      };
      [first, second] = await Promise.all([startWebBff(env), startWebBff(env)]);
    });
    afterAll(() => deleteKeysWithPrefix(SHARED_REDIS_URL, prefix));

    it('lets exactly the limit through when 200 requests race across two instances', async () => {
      const token = signTestToken('u21');
      const statuses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => call(`${(i % 2 ? first : second).url}/api/profile`, { token }).then((r) => r.status)),
      );

      expect({ ok: statuses.filter((s) => s === 200).length, other: statuses.filter((s) => s !== 200 && s !== 429) }).toEqual({ ok: 50, other: [] });
      expect(statuses.filter((s) => s === 429)).toHaveLength(150);
      expect(await keysWithPrefix(SHARED_REDIS_URL, prefix)).not.toHaveLength(0);
    });

    it('gives another user a bucket of their own', async () => {
      expect((await call(`${second.url}/api/profile`, { token: signTestToken('u22') })).status).toBe(200);
    });
  });

  describeWithRedis(
    'when Redis goes away and comes back',
    () => {
      const prefix = `test-${randomUUID()}:`;
      let redis: DisposableRedis;
      let failOpen: RunningApp;
      let failClosed: RunningApp;
      const token = signTestToken('u31');

      beforeAll(async () => {
        redis = await DisposableRedis.start();
        const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '100' };
        [failOpen, failClosed] = await Promise.all([startWebBff(env), startWebBff({ ...env, THROTTLE_FAIL_CLOSED: 'true' })]);
        expect((await call(`${failClosed.url}/api/profile`, { token })).status).toBe(200);
        expect(await keysWithPrefix(redis.url, prefix)).not.toHaveLength(0);
        await redis.stop();
      });
      afterAll(() => redis?.stop());

      it('keeps serving fail-open, fast, and logs one warning rather than one per request', async () => {
        const results = [];
        for (let i = 0; i < 10; i++) results.push(await call(`${failOpen.url}/api/profile`, { token }));

        expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
        // All but the slowest (one pause of a busy machine) answer without waiting on the store.
        expect(results.map((r) => r.durationMs).sort((a, b) => a - b)[8]).toBeLessThan(500);
        expect(failOpen.output().match(/Rate-limit store unreachable/g)).toHaveLength(1);
      });

      it('answers 503 fail-closed, in the error shape, with Retry-After', async () => {
        const result = await call(`${failClosed.url}/api/profile`, { token });
        expectApiError(result, 503, 'Rate limiting is unavailable; try again shortly');
        expect(result.headers.get('retry-after')).toBe('1');
      });

      // The restarted Redis has no scripts: the first check's EVALSHA is answered NOSCRIPT, and the
      // gateway sends the script again rather than failing.
      it('counts in Redis again once it is back, without a restart', async () => {
        await redis.startAgain();
        let status = 0;
        for (let i = 0; i < 30 && status !== 200; i++) {
          await sleep(200);
          status = (await call(`${failClosed.url}/api/profile`, { token })).status;
        }
        expect(status).toBe(200);
        expect(await keysWithPrefix(redis.url, prefix)).not.toHaveLength(0);
      });
    },
    'server',
  );
});
