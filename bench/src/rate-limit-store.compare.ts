// What the Redis rate-limit checks cost a gateway, alone: the two policies every request is
// counted under (burst, then sustained), against the Redis at BENCH_REDIS_URL (127.0.0.1:6379),
// with one request at a time (the wait each request sees) and 50 at once (the benchmark's load).
//   npx ts-node --project bench/tsconfig.json bench/src/rate-limit-store.compare.ts
// Variants: the library's storage checking one policy after the other (EVAL: the script's source
// each time), and the gateway's (EVALSHA, both policies at once); each also with ioredis's
// auto-pipelining. Prints CPU us of this process per request and requests/s.
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { RedisThrottlerStorage } from '@bff/throttling/redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const POLICIES = ['burst', 'default'];
const REQUESTS = 20_000;
const KEYS = 1_000;

const variants: Record<string, { storage: (redis: Redis) => ThrottlerStorage; together: boolean }> = {
  'library, in turn': { storage: (redis) => new ThrottlerStorageRedisService(redis), together: false },
  'gateway, at once': { storage: (redis) => new RedisThrottlerStorage(redis), together: true },
};

async function measure(name: string, autoPipelining: boolean, concurrency: number): Promise<void> {
  const redis = new Redis(REDIS_URL, { enableAutoPipelining: autoPipelining });
  const { storage: create, together } = variants[name] ?? {};
  if (!create) throw new Error(name);
  const storage = create(redis);
  const check = (key: string, policy: string) => storage.increment(`bench:${policy}:${key}`, 60_000, 1e9, 60_000, policy);
  const request = async (n: number) => {
    const key = String(n % KEYS);
    if (together) await Promise.all(POLICIES.map((policy) => check(key, policy)));
    else for (const policy of POLICIES) await check(key, policy);
  };
  const run = async (count: number) => {
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < count) await request(next++);
    }));
  };
  await run(2_000);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(REQUESTS);
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1e3;
  const label = `${name}${autoPipelining ? ', auto-pipelined' : ''}`.padEnd(36);
  console.log(`${label} ${String(concurrency).padStart(2)} at once  ${((used.user + used.system) / REQUESTS).toFixed(1).padStart(5)} us CPU/request  ${Math.round(REQUESTS / seconds)} requests/s`);
  redis.disconnect();
}

async function main(): Promise<void> {
  for (const concurrency of [1, 50]) {
    for (const autoPipelining of [false, true]) {
      for (const name of Object.keys(variants)) await measure(name, autoPipelining, concurrency);
    }
  }
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys('{bench:*');
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}

void main();
