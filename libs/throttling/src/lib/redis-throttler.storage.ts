import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type Redis from 'ioredis';

type StorageRecord = Awaited<ReturnType<ThrottlerStorageRedisService['increment']>>;

/** The library's script, registered as a command of the client (see below). */
interface ThrottleCommand {
  throttle(hitKey: string, blockKey: string, throttlerName: string, ttl: number, limit: number, blockDuration: number): Promise<unknown>;
}

/**
 * @nest-lab/throttler-storage-redis's storage, with the library's own Lua
 * script and keys, but the script sent by `EVALSHA` rather than `EVAL`: the library sends the script's 0.7 KB source
 * with every check and Redis hashes it each time; ioredis's `defineCommand`
 * sends the hash, and the source once when Redis answers NOSCRIPT (after a
 * restart or `SCRIPT FLUSH`). Measured in the README's performance section.
 */
export class RedisThrottlerStorage extends ThrottlerStorageRedisService {
  private readonly client: Redis & ThrottleCommand;

  constructor(redis: Redis) {
    super(redis);
    redis.defineCommand('throttle', { numberOfKeys: 2, lua: this.scriptSrc });
    this.client = redis as Redis & ThrottleCommand;
  }

  override async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    const result = await this.client.throttle(hitKeyOf(key, throttlerName), blockKeyOf(key, throttlerName), throttlerName, ttl, limit, blockDuration);
    if (!Array.isArray(result) || result.length !== 4 || !result.every((value) => typeof value === 'number')) {
      throw new TypeError(`Unexpected answer from the rate-limit script: ${JSON.stringify(result)}`);
    }
    const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = result as [number, number, number, number];
    return {
      totalHits,
      timeToExpire: Math.ceil(timeToExpire / 1_000),
      isBlocked: isBlocked === 1,
      timeToBlockExpire: Math.ceil(timeToBlockExpire / 1_000),
    };
  }

  /** The block the script sets is a key that expires with it: its time to live, without counting. */
  async blockedFor(key: string, throttlerName: string): Promise<number> {
    const left = await this.client.pttl(blockKeyOf(key, throttlerName));
    return left > 0 ? Math.ceil(left / 1_000) : 0;
  }
}

// The library's keys, so that a deployment switching between the two keeps its counts.
const hitKeyOf = (key: string, throttlerName: string) => `{${key}:${throttlerName}}:hits`;
const blockKeyOf = (key: string, throttlerName: string) => `{${key}:${throttlerName}}:blocked`;
