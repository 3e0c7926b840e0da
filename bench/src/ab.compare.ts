// Before/after of one change, on a busy machine: two (or more) builds of web-bff, each copied
// somewhere of its own (e.g. `cp -r dist/apps/web-bff dist/variants/before`), or one build with
// different node flags or variables (`name=path/to/main.js,--flag,VARIABLE=value`), run in turns against the same
// services, several rounds, so that the noise of other work hits both alike.
//   BENCH_AB="before=dist/variants/before/main.js after=dist/apps/web-bff/main.js" \
//     npx ts-node --project bench/tsconfig.json bench/src/ab.compare.ts
// Prints CPU us per request (from /proc, as the benchmark does), requests/s and p99 of each run,
// then each variant's median and minimum CPU figure. BENCH_AB_ROUNDS (3), BENCH_DURATION_S (8),
// BENCH_AB_PATH (/api/profile), BENCH_NODE_ARGS (node flags of every variant) as in bench.ts.
// BENCH_AB_RATE=400 holds the load at a fixed rate rather than as fast as it goes: per-request CPU
// falls with load (more work per event-loop turn), so on a shared machine, where the throughput
// each variant gets varies with everything else running, a fixed rate compares like with like.
import { launchApp, launchScript, type RunningApp } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { SAMPLE_SERVICE_APPS, type SampleServiceName } from '@bff/config';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { gatewayEnv, serviceUrls } from './gateway-under-test.env';
import { cpuMicros, peakRssMiB } from './process.stats';

const env = process.env;
const variants = (env['BENCH_AB'] ?? '').split(/\s+/).filter(Boolean).map((entry) => {
  const [name, value] = entry.split(/=(.*)/s);
  const [script, ...extras] = (value ?? '').split(',');
  if (!name || !script) throw new Error(`BENCH_AB entry "${entry}" is not name=path/to/main.js[,--node-flag...][,VARIABLE=value...]`);
  const flags = extras.filter((extra) => extra.startsWith('-'));
  const variables = Object.fromEntries(extras.filter((extra) => !extra.startsWith('-')).map((extra) => extra.split(/=(.*)/s).slice(0, 2)));
  return { name, script: resolve(script), flags, variables };
});
const ROUNDS = Number(env['BENCH_AB_ROUNDS'] ?? 3);
const DURATION_S = Number(env['BENCH_DURATION_S'] ?? 8);
const PATH = env['BENCH_AB_PATH'] ?? '/api/profile';
/** Requests per second for all connections together; unset: as fast as the gateway answers. */
const RATE = env['BENCH_AB_RATE'] ? Number(env['BENCH_AB_RATE']) : undefined;
const NODE_ARGS = env['BENCH_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
/** BENCH_AB_MEMORY=true: after each run, the gateway's heap as its own metrics report it. */
const MEMORY = env['BENCH_AB_MEMORY'] === 'true';
const USERS = 1000;
const secret = randomBytes(32).toString('hex');
const pinned = (() => {
  try {
    execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function measure(script: string, flags: string[], variables: Record<string, string>, services: Record<SampleServiceName, RunningApp>, tokens: string[]) {
  const gateway = await launchScript('web-bff', script, {
    env: {
      ...gatewayEnv('web', secret),
      ...(env['BENCH_REDIS_URL'] ? { REDIS_URL: env['BENCH_REDIS_URL'] } : {}),
      ...serviceUrls(services),
      ...variables,
    },
    nodeArgs: [...NODE_ARGS, ...flags],
    wrapper: pinned ? ['taskset', '-c', '0'] : [],
  });
  try {
    let next = 0;
    const load = (duration: number) =>
      autocannon({
        url: gateway.url,
        connections: 50,
        duration,
        ...(RATE ? { overallRate: RATE } : {}),
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              const n = next++ % USERS;
              return { ...request, path: PATH, headers: { authorization: `Bearer ${tokens[n]}` } };
            },
          },
        ],
      });
    await load(3);
    const pid = gateway.process.pid ?? 0;
    const before = cpuMicros(pid) ?? 0;
    const result = await load(DURATION_S);
    const cpu = ((cpuMicros(pid) ?? 0) - before) / Math.max(1, result.requests.total);
    const memory = MEMORY ? await heapFigures(gateway) : '';
    if (result.non2xx + result.errors > 0) process.stdout.write(`  (${result.non2xx} non-2xx, ${result.errors} errors)\n`);
    return { cpu, rps: result.requests.total / DURATION_S, p99: result.latency.p99, rss: peakRssMiB(pid) ?? 0, memory };
  } finally {
    await gateway.stop();
  }
}

/** V8's heap (total and used, its young and old spaces) and memory outside it, in MB, from the gateway's /metrics. */
async function heapFigures(gateway: RunningApp): Promise<string> {
  const url = /metrics on (http:\/\/\S+)/.exec(gateway.output())?.[1];
  if (!url) return ' (no metrics URL)';
  const text = await (await fetch(url)).text();
  const mb = (pattern: RegExp) => (Number(pattern.exec(text)?.[1] ?? NaN) / 2 ** 20).toFixed(0);
  return (
    ` | heap ${mb(/^nodejs_heap_size_total_bytes\{[^}]*\} (\S+)/m)} (used ${mb(/^nodejs_heap_size_used_bytes\{[^}]*\} (\S+)/m)})` +
    ` new ${mb(/^nodejs_heap_space_size_total_bytes\{space="new"[^}]*\} (\S+)/m)} old ${mb(/^nodejs_heap_space_size_total_bytes\{space="old"[^}]*\} (\S+)/m)}` +
    ` external ${mb(/^nodejs_external_memory_bytes\{[^}]*\} (\S+)/m)} MB`
  );
}

async function main(): Promise<void> {
  if (variants.length === 0) throw new Error('set BENCH_AB="name=path/to/main.js name2=path2/main.js"');
  const services = Object.fromEntries(
    await Promise.all(
      SAMPLE_SERVICE_APPS.map(async (name) => [
        name,
        await launchApp(name, { env: { PORT: '0', NODE_ENV: 'production', RESPONSE_DELAY_MS: env['BENCH_LATENCY_MS'] ?? '5' }, wrapper: pinned ? ['taskset', '-c', '1'] : [] }),
      ]),
    ),
  ) as Record<SampleServiceName, RunningApp>;
  const tokens = Array.from({ length: USERS }, (_, i) => signTestToken(`u${i + 1}`, { secret, audience: 'web' }));
  const figures = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const variant of round % 2 === 1 ? variants : [...variants].reverse()) {
        const r = await measure(variant.script, variant.flags, variant.variables, services, tokens);
        figures.get(variant.name)?.push(r.cpu);
        process.stdout.write(
          `round ${round} ${variant.name.padEnd(16)} ${r.cpu.toFixed(0).padStart(6)} us/req ${r.rps.toFixed(0).padStart(6)} req/s p99 ${r.p99} ms RSS ${r.rss.toFixed(0)} MB${r.memory}\n`,
        );
      }
    }
  } finally {
    await Promise.all(Object.values(services).map((service) => service.stop()));
  }
  for (const [name, cpu] of figures) {
    const sorted = [...cpu].sort((a, b) => a - b);
    process.stdout.write(`${name.padEnd(16)} median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} us/req, min ${sorted[0]?.toFixed(0)} us/req\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
