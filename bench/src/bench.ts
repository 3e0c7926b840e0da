// npm run bench: the gateways' cost per request against a raw-Node baseline and a single hop,
// on built apps in production mode. See the README's performance section for what it measures.
import { launchApp, launchScript, readGatewayDefaults, type RunningApp, workspaceRoot } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { SAMPLE_SERVICE_APPS, type SampleServiceName } from '@bff/config';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gatewayEnv as gatewayEnvFor, serviceUrls } from './gateway-under-test.env';
import { passThroughScenarios } from './pass-through.scenario';
import { processTree, treeCpuMicros, treePeakRssMiB } from './process.stats';
import { baselineUnderOverload, type FailingServiceResult, failingServiceScenario, type LoadResult, type OverloadResult, overloadScenario, type ResilienceRunner } from './resilience.scenario';
import { sweepChart } from './sweep.chart';

const env = process.env;
const LATENCY_MS = Number(env['BENCH_LATENCY_MS'] ?? 5);
const DURATION_S = Number(env['BENCH_DURATION_S'] ?? 10);
const WARMUP_S = Number(env['BENCH_WARMUP_S'] ?? 3);
const CONNECTIONS = Number(env['BENCH_CONNECTIONS'] ?? 50);
const USERS = 1000;
/** Only the scenarios whose name matches (`BENCH_ONLY=web-bff` or `npm run bench -- --only web-bff`), for quick checks. */
const onlyArgument = process.argv.indexOf('--only');
const onlyPattern = onlyArgument >= 0 ? process.argv[onlyArgument + 1] : env['BENCH_ONLY'];
const ONLY = onlyPattern ? new RegExp(onlyPattern) : undefined;
/** BENCH_LATENCY_MS alone, without the 0 ms pass. */
const SINGLE_LATENCY = env['BENCH_SINGLE_LATENCY'] === 'true';
/** A folder: each process under test writes a V8 CPU profile there (`node --cpu-prof`); see cpu-profile.summary.ts. */
const CPU_PROFILE_DIR = env['BENCH_CPU_PROF'];

const root = workspaceRoot();
const secret = randomBytes(32).toString('hex');
const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
/** The gateway under test gets core 0; services and the load generator share core 1. */
const GATEWAY_CORE = hasTaskset ? ['taskset', '-c', '0'] : [];
const OTHER_CORE = hasTaskset ? ['taskset', '-c', '1'] : [];
/** The old-space limit (MB) of the "heap capped" scenario: what a gateway without a container memory limit should run with. */
const HEAP_CAP_MB = 256;
/** Node arguments of every process under test: BENCH_NODE_ARGS (space-separated, e.g. heap flags to try), and the profiler. */
const UNDER_TEST_ARGS = [
  ...(env['BENCH_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
  ...(CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : []),
];

interface Scenario {
  name: string;
  /** Orders per profile (`?orders=`), where the scenario is a profile with a fan-out. */
  orders?: number;
  /** Measured in a sweep's shorter run (a variant of another scenario), to keep the whole benchmark within five minutes. */
  short?: boolean;
  /** What runs under test, on its own core. */
  start(services: Record<SampleServiceName, RunningApp>): Promise<RunningApp>;
  path(userId: string): string;
  audience?: 'web' | 'mobile';
  /** Undefined when the body is right for `userId`; else what is wrong. */
  verify(body: unknown, userId: string): string | undefined;
}

const gatewayEnv = (audience: string) => gatewayEnvFor(audience, secret);

type Json = Record<string, unknown>;
const webProfileCheck = (body: unknown, userId: string, expectedOrders = 10) => {
  const { user, orders } = body as { user?: Json; orders?: Array<{ items: Array<{ product: unknown }> }> };
  if (user?.['id'] !== userId) return `user ${String(user?.['id'])} instead of ${userId}`;
  if (orders?.length !== expectedOrders) return `${orders?.length} orders instead of ${expectedOrders}`;
  if (orders.some((order) => order.items.length !== 3 || order.items.some((item) => !item.product))) return 'items without products';
  return undefined;
};

const homeCheck = (body: unknown, userId: string, recommendations: number) => {
  const home = body as { user?: Json; recentOrders?: unknown[]; recommendations?: unknown[]; meta?: { degraded?: unknown[] } };
  if (home.user?.['id'] !== userId) return 'wrong user';
  if (home.recentOrders?.length !== 3) return `${home.recentOrders?.length} orders instead of 3`;
  if (home.recommendations?.length !== recommendations) return `${home.recommendations?.length} recommendations instead of ${recommendations}`;
  return home.meta?.degraded?.length === 0 ? undefined : `degraded: ${String(home.meta?.degraded)}`;
};

const scenarios: Scenario[] = [
  {
    name: 'user-service direct (single hop)',
    start: () => launchApp('user-service', { env: { PORT: '0', NODE_ENV: 'production' }, wrapper: GATEWAY_CORE, nodeArgs: UNDER_TEST_ARGS }),
    path: (userId) => `/users/${userId}`,
    verify: (body, userId) => ((body as Json)['id'] === userId ? undefined : 'wrong user'),
  },
  {
    name: 'raw node:http + undici profile (baseline)',
    start: (services) =>
      launchScript('raw-gateway', join(root, 'bench/src/raw-profile.server.ts'), {
        env: { ...gatewayEnv(readGatewayDefaults('web-bff').audience), ...serviceUrls(services) },
        nodeArgs: ['-r', '@swc-node/register', ...UNDER_TEST_ARGS],
        wrapper: GATEWAY_CORE,
      }),
    path: () => '/api/profile',
    audience: 'web',
    orders: 10,
    verify: (body, userId) => webProfileCheck(body, userId),
  },
  {
    name: 'web-bff GET /api/profile',
    start: (services) => launchApp('web-bff', { env: { ...gatewayEnv('web'), ...serviceUrls(services) }, wrapper: GATEWAY_CORE, nodeArgs: UNDER_TEST_ARGS }),
    path: () => '/api/profile',
    audience: 'web',
    orders: 10,
    verify: (body, userId) => webProfileCheck(body, userId),
  },
  {
    // V8 sizes its heap for the host (24 GiB here): an explicit old-space limit, whatever its size, makes it collect
    // the old generation at about half the size (see the README's performance section).
    name: 'web-bff GET /api/profile, heap capped',
    short: true,
    start: (services) =>
      launchApp('web-bff', { env: { ...gatewayEnv('web'), ...serviceUrls(services) }, wrapper: GATEWAY_CORE, nodeArgs: [`--max-old-space-size=${HEAP_CAP_MB}`, ...UNDER_TEST_ARGS] }),
    path: () => '/api/profile',
    audience: 'web',
    verify: (body, userId) => webProfileCheck(body, userId),
  },
  {
    // Both cores: the workers are not pinned, and share core 1 with the services and the load.
    name: 'web-bff GET /api/profile, 2 workers',
    short: true,
    start: (services) =>
      launchApp('web-bff', { env: { ...gatewayEnv('web'), ...serviceUrls(services), CLUSTER_WORKERS: '2' }, nodeArgs: UNDER_TEST_ARGS }),
    path: () => '/api/profile',
    audience: 'web',
    verify: (body, userId) => webProfileCheck(body, userId),
  },
  {
    name: 'web-bff GET /api/home',
    start: (services) => launchApp('web-bff', { env: { ...gatewayEnv('web'), ...serviceUrls(services) }, wrapper: GATEWAY_CORE, nodeArgs: UNDER_TEST_ARGS }),
    path: () => '/api/home',
    audience: 'web',
    verify: (body, userId) => homeCheck(body, userId, 6),
  },
  {
    name: 'mobile-bff GET /api/home',
    start: (services) => launchApp('mobile-bff', { env: { ...gatewayEnv('mobile'), ...serviceUrls(services) }, wrapper: GATEWAY_CORE, nodeArgs: UNDER_TEST_ARGS }),
    path: () => '/api/home',
    audience: 'mobile',
    verify: (body, userId) => homeCheck(body, userId, 4),
  },
  {
    name: 'mobile-bff GET /api/profile',
    start: (services) => launchApp('mobile-bff', { env: { ...gatewayEnv('mobile'), ...serviceUrls(services) }, wrapper: GATEWAY_CORE, nodeArgs: UNDER_TEST_ARGS }),
    path: () => '/api/profile',
    audience: 'mobile',
    verify: (body, userId) => {
      const { user, recentOrders } = body as { user?: Json; recentOrders?: unknown[] };
      if (user?.['id'] !== userId) return 'wrong user';
      return recentOrders?.length === 5 ? undefined : `${recentOrders?.length} orders instead of 5`;
    },
  },
  ...passThroughScenarios({ root, gatewayEnv, serviceUrls, wrapper: GATEWAY_CORE, nodeArgs: UNDER_TEST_ARGS }),
];

const BASELINE = 'raw node:http + undici profile (baseline)';
/** The scenarios the sweeps draw: the gateway and the raw-Node limit it is measured against. */
const SWEPT = [BASELINE, 'web-bff GET /api/profile'];
/** The scenarios measured again with the services at 0 ms (the others are within a few percent of their 5 ms figures). */
const AT_ZERO_LATENCY = SWEPT;

/** The resilience scenarios (issue 16), by the names `--only` matches. */
const OVERLOAD = 'web-bff overload';
const FAILING_SERVICE = 'web-bff failing order-service';
const OVERLOAD_CONNECTIONS = [500, 2000];
const RESILIENCE_DURATION_S = Number(env['BENCH_RESILIENCE_DURATION_S'] ?? 6);

/** The same profile with `?orders=n`: n orders and their products per request. */
function withOrders(scenario: Scenario, orders: number): Scenario {
  return { ...scenario, orders, path: (userId) => `${scenario.path(userId)}?orders=${orders}`, verify: (body, userId) => webProfileCheck(body, userId, orders) };
}

export interface ScenarioResult {
  scenario: string;
  latencyMs: number;
  connections: number;
  /** Orders per profile, for the profile scenarios. */
  orders?: number;
  /** Measured for this long, after a warm-up. */
  durationSeconds: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
  cpuMicrosPerRequest: number | undefined;
  peakRssMiB: number | undefined;
  startToReadyMs: number;
}

interface RunShape {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

const STANDARD_RUN: RunShape = { connections: CONNECTIONS, warmupSeconds: WARMUP_S, durationSeconds: DURATION_S };
/** The sweep over connections: shorter runs, so that the whole benchmark stays within five minutes. */
const SWEEP_CONNECTIONS = [10, 50, 200, 500];
/** The sweep over fan-out (orders per profile, at CONNECTIONS connections). */
const SWEEP_ORDERS = [10, 50];
const SWEEP_RUN = { warmupSeconds: 2, durationSeconds: Number(env['BENCH_SWEEP_DURATION_S'] ?? 4) };

async function run(
  scenario: Scenario,
  services: Record<SampleServiceName, RunningApp>,
  latencyMs: number,
  shape: RunShape = STANDARD_RUN,
): Promise<ScenarioResult> {
  const started = performance.now();
  const target = await scenario.start(services);
  const startToReadyMs = performance.now() - started;
  try {
    const tokens = Array.from({ length: USERS }, (_, i) => signTestToken(`u${i + 1}`, { secret, audience: scenario.audience ?? 'web' }));
    for (const n of [1, 42, 999]) {
      const response = await fetch(`${target.url}${scenario.path(`u${n}`)}`, { headers: { authorization: `Bearer ${tokens[n - 1]}` } });
      const problem = response.status === 200 ? scenario.verify(await response.json(), `u${n}`) : `status ${response.status}`;
      if (problem) throw new Error(`${scenario.name}: wrong answer before timing: ${problem}`);
    }
    let next = 0;
    const load = (durationSeconds: number) =>
      autocannon({
        url: target.url,
        connections: shape.connections,
        duration: durationSeconds,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              const n = (next++ % USERS) + 1;
              return { ...request, path: scenario.path(`u${n}`), headers: { authorization: `Bearer ${tokens[n - 1]}` } };
            },
          },
        ],
      });
    await load(shape.warmupSeconds);
    // The process started and its children (a cluster's workers), as they are after the warm-up.
    const pids = processTree(target.process.pid ?? 0);
    const cpuBefore = treeCpuMicros(pids);
    const result = await load(shape.durationSeconds);
    const cpuAfter = treeCpuMicros(pids);
    const total = result.requests.total;
    return {
      scenario: scenario.name,
      latencyMs,
      connections: shape.connections,
      orders: scenario.orders,
      durationSeconds: shape.durationSeconds,
      requestsPerSecond: Math.round(total / shape.durationSeconds),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      cpuMicrosPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && total > 0 ? Math.round((cpuAfter - cpuBefore) / total) : undefined,
      peakRssMiB: treePeakRssMiB(pids),
      startToReadyMs: Math.round(startToReadyMs),
    };
  } finally {
    await target.stop();
  }
}

function resilienceRunner(services: Record<SampleServiceName, RunningApp>): ResilienceRunner {
  return {
    startWebBff: (more) => launchApp('web-bff', { env: { ...gatewayEnv('web'), ...serviceUrls(services), ...more }, wrapper: GATEWAY_CORE, nodeArgs: UNDER_TEST_ARGS }),
    startBaseline: () => (scenarios.find((scenario) => scenario.name === BASELINE) as Scenario).start(services),
    tokens: Array.from({ length: USERS }, (_, i) => signTestToken(`u${i + 1}`, { secret, audience: 'web' })),
    deadlineMs: 2_000,
  };
}

function printLoad(label: string, r: LoadResult, extra: string): void {
  const statuses = Object.entries(r.statuses)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  process.stdout.write(
    `${label.padEnd(42)} | ${String(r.connections).padStart(5)} | goodput ${String(r.goodput).padStart(5)}/s | 200s p99 ${r.p99Ok} ms, max ${r.maxOk} | any max ${r.maxAny} ms | ${statuses} | 503 w/o Retry-After ${r.withoutRetryAfter} | errors ${r.errors} | CPU ${r.cpuMicrosPerAnswer ?? '-'} us/answer${r.okWithinDeadlineAtGateway === undefined ? '' : ` | 200s within 2 s at the gateway ${r.okWithinDeadlineAtGateway}`}${extra}\n`,
  );
}

async function runResilience(services: Record<SampleServiceName, RunningApp>): Promise<{ overload?: OverloadResult; failingService?: FailingServiceResult[] }> {
  const runner = resilienceRunner(services);
  const out: { overload?: OverloadResult; failingService?: FailingServiceResult[] } = {};
  if (!ONLY || ONLY.test(OVERLOAD)) {
    const overload = { ...(await overloadScenario(runner, OVERLOAD_CONNECTIONS, RESILIENCE_DURATION_S)), baseline: await baselineUnderOverload(runner, OVERLOAD_CONNECTIONS, RESILIENCE_DURATION_S) };
    printLoad(`${OVERLOAD} (reference)`, overload.reference, '');
    for (const r of overload.runs) printLoad(OVERLOAD, r, ` | goodput ${r.goodputRatio}x of 50 conns`);
    for (const r of overload.baseline) printLoad(`${BASELINE} at the same load`, r, '');
    process.stdout.write(`${OVERLOAD}: circuits opened: ${overload.circuitsOpened.join(', ') || 'none'}; downstream timeouts: ${overload.downstreamTimeouts}\n`);
    out.overload = overload;
  }
  if (!ONLY || ONLY.test(FAILING_SERVICE)) {
    out.failingService = await failingServiceScenario(runner, services['order-service'].url, RESILIENCE_DURATION_S);
    for (const r of out.failingService) {
      printLoad(`${FAILING_SERVICE}, ${r.variant}`, r.load, ` | order calls per request ${r.callsPerRequest} (${r.orderServiceCalls} / ${r.clientRequests}), retries refused ${r.retriesRefused}`);
    }
  }
  return out;
}

function printRow(r: ScenarioResult): void {
  const cells = [
    `${r.scenario}${r.orders !== undefined && r.orders !== 10 ? ` ?orders=${r.orders}` : ''}`.padEnd(42),
    `${r.latencyMs} ms`.padStart(5),
    String(r.connections).padStart(5),
    String(r.requestsPerSecond).padStart(7),
    `${r.p50}/${r.p90}/${r.p99}`.padStart(12),
    String(r.cpuMicrosPerRequest ?? '-').padStart(8),
    (r.peakRssMiB?.toFixed(0) ?? '-').padStart(6),
    String(r.startToReadyMs).padStart(7),
    `${r.errors}/${r.non2xx}`.padStart(8),
  ];
  process.stdout.write(`${cells.join(' | ')}\n`);
}

async function main(): Promise<void> {
  if (hasTaskset) execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });
  process.stdout.write(
    `${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s, ${cpus().length} cores (${cpus()[0]?.model}), ` +
      `${hasTaskset ? 'gateway pinned to core 0, services and load on core 1' : 'no taskset: nothing pinned'}\n\n`,
  );
  process.stdout.write(
    `${['scenario'.padEnd(42), 'svc'.padStart(5), 'conns', 'req/s'.padStart(7), 'p50/p90/p99'.padStart(12), 'CPU us'.padStart(8), 'RSS MB'.padStart(6), 'ready'.padStart(7), 'err/non2xx'.padStart(8)].join(' | ')}\n`,
  );
  const results: ScenarioResult[] = [];
  const sweep: ScenarioResult[] = [];
  let resilience: Awaited<ReturnType<typeof runResilience>> = {};
  for (const latencyMs of SINGLE_LATENCY ? [LATENCY_MS] : [...new Set([LATENCY_MS, 0])]) {
    const services = Object.fromEntries(
      await Promise.all(
        SAMPLE_SERVICE_APPS.map(async (name) => [
          name,
          await launchApp(name, { env: { PORT: '0', NODE_ENV: 'production', RESPONSE_DELAY_MS: String(latencyMs) }, wrapper: OTHER_CORE }),
        ]),
      ),
    ) as Record<SampleServiceName, RunningApp>;
    try {
      const atThisLatency = scenarios.filter((s) => (!ONLY || ONLY.test(s.name)) && (latencyMs === LATENCY_MS || ONLY || AT_ZERO_LATENCY.includes(s.name)));
      for (const scenario of atThisLatency) {
        const result = await run(scenario, services, latencyMs, scenario.short ? { connections: CONNECTIONS, ...SWEEP_RUN } : STANDARD_RUN);
        results.push(result);
        printRow(result);
      }
      if (latencyMs === LATENCY_MS && !ONLY && !SINGLE_LATENCY) {
        process.stdout.write(`\nsweeps over connections and orders per profile (${SWEEP_RUN.durationSeconds} s runs; at ${CONNECTIONS} connections and 10 orders, the runs above):\n`);
        for (const scenario of scenarios.filter((s) => SWEPT.includes(s.name))) {
          const standard = results.find((r) => r.scenario === scenario.name && r.latencyMs === latencyMs);
          for (const connections of SWEEP_CONNECTIONS) {
            const result = connections === CONNECTIONS && standard ? standard : await run(scenario, services, latencyMs, { connections, ...SWEEP_RUN });
            sweep.push(result);
            if (result !== standard) printRow(result);
          }
          for (const orders of SWEEP_ORDERS.filter((n) => n !== scenario.orders)) {
            const result = await run(withOrders(scenario, orders), services, latencyMs, { connections: CONNECTIONS, ...SWEEP_RUN });
            sweep.push(result);
            printRow(result);
          }
        }
        process.stdout.write('\n');
      }
      if (latencyMs === LATENCY_MS) {
        process.stdout.write(`\nresilience (${RESILIENCE_DURATION_S} s runs):\n`);
        resilience = await runResilience(services);
      }
    } finally {
      await Promise.all(Object.values(services).map((service) => service.stop()));
    }
  }
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, pinned: hasTaskset },
    settings: { connections: CONNECTIONS, durationSeconds: DURATION_S, warmupSeconds: WARMUP_S },
    results,
    sweep,
    resilience,
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = ONLY || SINGLE_LATENCY ? 'partial.json' : 'latest.json';
  writeFileSync(join(root, 'bench/results', file), `${JSON.stringify(report, null, 2)}\n`);
  if (sweep.length > 0) writeFileSync(join(root, 'bench/results/sweep.svg'), sweepChart(sweep, { connections: SWEEP_CONNECTIONS, orders: SWEEP_ORDERS, standardConnections: CONNECTIONS }));
  process.stdout.write(`\nwritten: bench/results/${file}${sweep.length > 0 ? ', bench/results/sweep.svg' : ''}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
