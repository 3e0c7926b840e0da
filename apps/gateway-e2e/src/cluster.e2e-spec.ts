import { launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { call } from './support/http.client';
import { deleteKeysWithPrefix, describeWithRedis, SHARED_REDIS_URL } from './support/redis.server';

interface Answer {
  status: number;
  requestId: string;
  remaining: string | undefined;
}

/** A GET on a connection of its own, so that the primary may hand it to either worker. */
function getOnNewConnection(url: string, token: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          requestId: String(response.headers['x-request-id']),
          remaining: response.headers['x-ratelimit-remaining'] as string | undefined,
        }),
      );
    }).on('error', reject);
  });
}

/** The processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // The fields after the command name (which is in parentheses and may hold spaces): state, ppid, ...
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Which worker wrote each request line, by request id. */
function workersByRequestId(gateway: RunningApp): Map<string, number> {
  const workers = new Map<string, number>();
  for (const line of gateway.output().split('\n')) {
    if (!line.startsWith('{"')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; reqId?: string; worker?: number };
      if (entry.msg === 'request' && entry.reqId && entry.worker !== undefined) workers.set(entry.reqId, entry.worker);
    } catch {
      // not a whole JSON line
    }
  }
  return workers;
}

async function profileRequestCount(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith('bff_http_request_duration_seconds_count{') && l.includes('route="/api/profile"') && l.includes('status="200"'));
  return line ? Number(line.split(' ').pop()) : 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('CLUSTER_WORKERS=2: one web-bff, two worker processes', () => {
  const prefix = `test-${randomUUID()}:`;
  let system: RunningSystem;
  let gateway: RunningApp;
  let metricsUrl: string;

  beforeAll(async () => {
    system = await launchSystem({
      gateways: ['web-bff'],
      auth: 'development-secret',
      gatewayEnv: {
        NODE_ENV: 'test',
        CLUSTER_WORKERS: '2',
        REDIS_URL: SHARED_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        THROTTLE_LIMIT: '10',
        // Only the sustained limit is under test; the burst limit stays out of the way.
        THROTTLE_BURST_LIMIT: '1000',
      },
    });
    gateway = system.gateway('web-bff');
    metricsUrl = /web-bff metrics on (http:\/\/\S+)/.exec(gateway.output())?.[1] ?? '';
  }, 60_000);
  afterAll(async () => {
    await system?.stop();
    await deleteKeysWithPrefix(SHARED_REDIS_URL, prefix);
  });

  it('announces itself once, and answers from two worker processes forked by the one launched', async () => {
    expect(gateway.output().match(/web-bff listening on /g)).toHaveLength(1);
    expect(childrenOf(gateway.process.pid ?? 0)).toHaveLength(2);

    const token = signTestToken('u71');
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await getOnNewConnection(`${gateway.url}/api/profile`, token));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    await sleep(200); // log lines are written asynchronously
    const workers = workersByRequestId(gateway);
    expect(new Set(answers.map((a) => workers.get(a.requestId)))).toEqual(new Set([1, 2]));
  });

  it('serves the sum of both workers’ metrics on METRICS_PORT', async () => {
    const before = await profileRequestCount(metricsUrl);
    const token = signTestToken('u72');
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await getOnNewConnection(`${gateway.url}/api/profile`, token));
    await sleep(200);
    const workers = workersByRequestId(gateway);

    expect(new Set(answers.map((a) => workers.get(a.requestId)))).toEqual(new Set([1, 2]));
    expect((await profileRequestCount(metricsUrl)) - before).toBe(6);
  });

  it('enforces one rate limit across the workers: 10 requests spread over both pass, the 11th is refused', async () => {
    const token = signTestToken('u73');
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await getOnNewConnection(`${gateway.url}/api/profile`, token));
    await sleep(200);
    const workers = workersByRequestId(gateway);

    expect(new Set(answers.map((a) => workers.get(a.requestId)))).toEqual(new Set([1, 2]));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.map((a) => a.remaining)).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    expect((await call(`${gateway.url}/api/profile`, { token })).status).toBe(429);
  });

  it('replaces a worker that dies, saying so, and keeps answering', async () => {
    const [victim] = childrenOf(gateway.process.pid ?? 0);
    process.kill(victim ?? 0, 'SIGKILL');
    const deadline = Date.now() + 15_000;
    let workers = childrenOf(gateway.process.pid ?? 0);
    while ((workers.includes(victim ?? 0) || workers.length < 2 || !gateway.output().includes(`worker ${victim} exited`)) && Date.now() < deadline) {
      await sleep(100);
      workers = childrenOf(gateway.process.pid ?? 0);
    }

    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(victim);
    expect(gateway.output()).toMatch(new RegExp(`worker ${victim} exited \\(SIGKILL\\); started worker \\d+ in its place`));
    // node:cluster hands connections only to workers that listen, so a newcomer still starting gets none.
    const token = signTestToken('u74');
    expect((await getOnNewConnection(`${gateway.url}/api/profile`, token)).status).toBe(200);
    expect((await getOnNewConnection(`${gateway.url}/api/profile`, token)).status).toBe(200);
  }, 30_000);

  it('on SIGTERM drains both workers and exits 0, leaving none behind', async () => {
    const workers = childrenOf(gateway.process.pid ?? 0);
    expect(workers).toHaveLength(2);

    expect(await gateway.stop('SIGTERM')).toBe(0);
    expect(workers.filter(isAlive)).toEqual([]);
  });
});
