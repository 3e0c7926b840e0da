import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { RedisThrottlerStorage } from './redis-throttler.storage';
import { FailoverThrottlerStorage } from './failover-throttler.storage';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import type { RateLimitStore } from './rate-limit.store';
import type { ThrottlingOptions } from './throttling.options';

/**
 * In memory without Redis; with it, Redis behind a failover. The client never
 * queues a command while disconnected and gives each one `timeoutMs`, so a
 * rate-limit check can never hold a request for longer than that. At start-up
 * the gateway waits up to a second for the connection before taking traffic.
 * (ioredis's auto-pipelining cost more CPU per check than it saved: measured in
 * the README's performance section.)
 */
export function createThrottlerStorage(options: ThrottlingOptions): RateLimitStore {
  if (!options.redis) return new MemoryThrottlerStorage();
  const { Redis, RedisThrottlerStorage } = loadRedisSupport();
  const redis = new Redis(options.redis.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    commandTimeout: options.redis.timeoutMs,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  // Connection errors surface as failed checks (logged once per interval by the failover); this
  // listener only keeps ioredis from printing each one.
  const logger = new Logger('RateLimiting');
  redis.on('error', (error: Error) => logger.debug?.(`Redis: ${error.message}`));
  const connect = () =>
    Promise.race([
      redis.connect(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no connection within 1000 ms')), 1_000).unref()),
    ]);
  const ping = async () => {
    await redis.ping();
  };
  return new FailoverThrottlerStorage(new RedisThrottlerStorage(redis), new MemoryThrottlerStorage(), options.failClosed, Date.now, connect, ping);
}

/**
 * ioredis and the Redis storage (@nest-lab/throttler-storage-redis under it), loaded only by a
 * gateway that has a Redis to count in: otherwise about 20 ms and 40 modules of its start-up.
 */
function loadRedisSupport(): { Redis: typeof Redis; RedisThrottlerStorage: typeof RedisThrottlerStorage } {
  /* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy */
  return {
    Redis: (require('ioredis') as typeof import('ioredis')).default,
    RedisThrottlerStorage: (require('./redis-throttler.storage') as typeof import('./redis-throttler.storage')).RedisThrottlerStorage,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}
