import { type GatewayInstance, launchCluster, RedisUnavailableError, type RunningCluster } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { randomUUID } from 'node:crypto';
import { call } from './support/http.client';
import { deleteKeysWithPrefix, describeWithRedis, freePort, SHARED_REDIS_URL } from './support/redis.server';

describe('scaling out', () => {
  describeWithRedis('two web-bff instances on one Redis', () => {
    const prefix = `test-${randomUUID()}:`;
    let cluster: RunningCluster;
    let first: GatewayInstance;
    let second: GatewayInstance;

    beforeAll(async () => {
      cluster = await launchCluster({
        gateways: ['web-bff'],
        instancesPerGateway: 2,
        redisUrl: SHARED_REDIS_URL,
        auth: 'development-secret',
        gatewayEnv: {
          NODE_ENV: 'test',
          METRICS_PORT: '0',
          REDIS_KEY_PREFIX: prefix,
          THROTTLE_LIMIT: '10',
          // Only the sustained limit is under test; the burst limit stays out of the way.
          THROTTLE_BURST_LIMIT: '1000',
        },
      });
      [first, second] = cluster.instancesOf('web-bff') as [GatewayInstance, GatewayInstance];
    });
    afterAll(async () => {
      await cluster?.stop();
      await deleteKeysWithPrefix(SHARED_REDIS_URL, prefix);
    });

    it('runs each instance as a process of its own, on ports of its own', () => {
      expect(new Set([first.url, second.url]).size).toBe(2);
      expect(new Set([first.metricsUrl, second.metricsUrl]).size).toBe(2);
      expect(first.process.pid).not.toBe(second.process.pid);
    });

    it('enforces one limit across both: 10 requests spread over them pass, the 11th is refused on either', async () => {
      const token = signTestToken('u61');
      const answers = [];
      for (let i = 0; i < 10; i++) answers.push(await call(`${(i % 2 ? second : first).url}/api/profile`, { token }));

      expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
      // Each instance sees the other's requests: the count goes down by one whichever instance answers.
      expect(answers.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
      const [onFirst, onSecond] = await Promise.all([first, second].map((gateway) => call(`${gateway.url}/api/profile`, { token })));
      expect([onFirst?.status, onSecond?.status]).toEqual([429, 429]);
      expect(onFirst?.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    });

    it('gives the same caller the same profile from either instance', async () => {
      const token = signTestToken('u62');
      const [fromFirst, fromSecond] = await Promise.all([first, second].map((gateway) => call(`${gateway.url}/api/profile`, { token })));

      expect(fromFirst?.status).toBe(200);
      expect(fromSecond?.status).toBe(200);
      expect(fromFirst?.body).toEqual(expect.objectContaining({ user: expect.objectContaining({ id: 'u62' }), meta: { degraded: [] } }));
      expect(fromSecond?.text).toBe(fromFirst?.text);
    });
  });

  it('refuses to start when the Redis the instances would share does not answer, naming it', async () => {
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const launching = launchCluster({ gateways: ['web-bff'], redisUrl, auth: 'development-secret', gatewayEnv: { NODE_ENV: 'test', METRICS_PORT: '0' } });

    await expect(launching).rejects.toThrow(RedisUnavailableError);
    await expect(launching).rejects.toThrow(`Redis at ${redisUrl} did not answer`);
  });
});
