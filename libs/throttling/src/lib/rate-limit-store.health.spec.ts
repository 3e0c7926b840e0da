import { ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { FailoverThrottlerStorage } from './failover-throttler.storage';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RateLimitStoreHealthIndicator } from './rate-limit-store.health';
import type { RateLimitStore } from './rate-limit.store';
import { RATE_LIMIT_STORE } from './throttling.tokens';

describe('RateLimitStoreHealthIndicator, as readiness reads it', () => {
  let redisUp: boolean;
  const ping = async () => {
    if (!redisUp) throw new Error('connect ECONNREFUSED');
  };
  const redisBehindFailover = (failClosed: boolean) => new FailoverThrottlerStorage(new MemoryThrottlerStorage(), new MemoryThrottlerStorage(), failClosed, Date.now, undefined, ping);

  async function readiness(store: RateLimitStore) {
    const moduleRef = await Test.createTestingModule({
      imports: [TerminusModule.forRoot({ logger: false })],
      providers: [RateLimitStoreHealthIndicator, { provide: RATE_LIMIT_STORE, useValue: store }],
    }).compile();
    const indicator = moduleRef.get(RateLimitStoreHealthIndicator);
    try {
      return await moduleRef.get(HealthCheckService).check([() => indicator.isHealthy('redis')]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return { unavailable: error.getResponse() };
      throw error;
    }
  }

  beforeEach(() => {
    redisUp = true;
  });

  it('is up counting in memory when the gateway has no Redis', async () => {
    expect(await readiness(new MemoryThrottlerStorage())).toMatchObject({ status: 'ok', info: { redis: { status: 'up', mode: 'in-memory' } } });
  });

  it('is up while Redis answers', async () => {
    expect(await readiness(redisBehindFailover(true))).toMatchObject({ status: 'ok', info: { redis: { status: 'up' } } });
  });

  it('stays up while Redis is down and rate limiting fails open: the instance still serves', async () => {
    redisUp = false;
    expect(await readiness(redisBehindFailover(false))).toMatchObject({
      status: 'ok',
      info: { redis: { status: 'up', reachable: false, mode: 'fail-open: counting in memory' } },
    });
  });

  it('is down while Redis is down and rate limiting fails closed: every request would get 503', async () => {
    redisUp = false;
    expect(await readiness(redisBehindFailover(true))).toMatchObject({
      unavailable: { status: 'error', error: { redis: { status: 'down', reachable: false, mode: 'fail-closed: answering 503' } } },
    });
  });
});
