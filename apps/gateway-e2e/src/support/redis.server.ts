import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';

/** The Redis our machines and CI run. */
export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

function canConnect(port: number): boolean {
  const probe = `require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 2_000 }).status === 0;
}

const hasRedisServer = () => spawnSync('redis-server', ['--version']).status === 0;

/**
 * `describe` for tests that need real Redis. Without it: in CI the run fails, saying why;
 * on a developer's machine the tests are skipped with a loud notice.
 */
export function describeWithRedis(name: string, tests: () => void, needs: 'shared' | 'server' = 'shared'): void {
  const missing =
    needs === 'shared'
      ? canConnect(6379) ? undefined : `nothing answers at ${SHARED_REDIS_URL}`
      : hasRedisServer() ? undefined : 'no redis-server binary on PATH';
  if (!missing) return describe(name, tests);
  const reason = `${name} needs Redis: ${missing}. Start one with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`;
  if (process.env['CI'] === 'true') {
    describe(name, () => it('has the Redis it needs', () => { throw new Error(reason); }));
    return;
  }
  process.stderr.write(`\n*** SKIPPED: ${reason}\n\n`);
  describe.skip(name, tests);
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A redis-server of the test's own, on a spare port, that the test may stop and start again. */
export class DisposableRedis {
  private process: ChildProcess | undefined;
  private constructor(readonly port: number) {}

  static async start(): Promise<DisposableRedis> {
    const redis = new DisposableRedis(await freePort());
    await redis.startAgain();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async startAgain(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 50 && !canConnect(this.port); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }
}

/** The keys under a prefix, e.g. to see that counting happens in Redis. */
export async function keysWithPrefix(url: string, prefix: string): Promise<string[]> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    return await client.keys(`*${prefix}*`);
  } finally {
    client.disconnect();
  }
}

/** Deletes what a test run wrote under its prefix. */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<void> {
  const keys = await keysWithPrefix(url, prefix);
  if (keys.length === 0) return;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
