// The benchmark's resilience scenarios (issue 16): web-bff's GET /api/profile under more connections
// than it can serve, and with order-service failing half its calls. See docs/performance.md.
import type { RunningApp } from '@bff/app-process/launcher';
import { LoopbackServer } from '@bff/service-clients/testing';
import autocannon from 'autocannon';
import { type IncomingHttpHeaders, type IncomingMessage, request as forward, type ServerResponse } from 'node:http';
import { processTree, treeCpuMicros } from './process.stats';

export interface ResilienceRunner {
  /** web-bff as production runs it, pinned like every gateway under test, with `env` on top. */
  startWebBff(env: Record<string, string>): Promise<RunningApp>;
  /** The raw node:http baseline of the same screen, pinned the same way: what the load generator and the machine allow. */
  startBaseline(): Promise<RunningApp>;
  /** Bearer tokens of users u1..uN, for web-bff. */
  tokens: string[];
  /** The request deadline web-bff runs with (REQUEST_DEADLINE_MS's default). */
  deadlineMs: number;
}

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  /** 200 answers per second. */
  goodput: number;
  /** p99 and slowest of the 200 answers, ms. */
  p99Ok: number;
  maxOk: number;
  /** The slowest answer of any status, ms. */
  maxAny: number;
  statuses: Record<string, number>;
  /** 503 answers without Retry-After. */
  withoutRetryAfter: number;
  /** Connection errors and timeouts of the load generator. */
  errors: number;
  /** Requests sent in the measured run (answered or still in flight at its end). */
  sent: number;
  /** CPU of the process under test per answer of any status, microseconds. */
  cpuMicrosPerAnswer?: number;
  /** Of the 200s, the share the gateway itself answered within REQUEST_DEADLINE_MS of their arrival (its own histogram). */
  okWithinDeadlineAtGateway?: number;
}

export interface OverloadResult {
  /** The same gateway at 50 connections first: what goodput is measured against. */
  reference: LoadResult;
  runs: Array<LoadResult & { goodputRatio: number }>;
  /** The raw baseline at each of the same connection counts: the p99 that this machine and load generator allow at all. */
  baseline: LoadResult[];
  /** Circuits that opened during the whole scenario (by `bff_circuit_breaker_state` after each run) and calls that timed out. */
  circuitsOpened: string[];
  downstreamTimeouts: number;
}

export interface FailingServiceResult {
  variant: string;
  load: LoadResult;
  /** Requests the clients sent (each makes one order call, and its retries). */
  clientRequests: number;
  orderServiceCalls: number;
  /** Calls order-service saw per client request (at most 1.2 with the retry budget; 1.75 with RETRY_MAX=2 alone). */
  callsPerRequest: number;
  retriesRefused: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);

/** Drives GET /api/profile with autocannon, keeping what its summary does not: the latencies of the 200s alone, every status, 503s without Retry-After. */
async function drive(target: RunningApp, runner: ResilienceRunner, connections: number, warmupSeconds: number, durationSeconds: number): Promise<LoadResult> {
  let next = 0;
  const load = (duration: number, observe?: (status: number, ms: number) => void, retryAfter?: (status: number, headers: IncomingHttpHeaders | undefined) => void) => {
    const instance = autocannon({
      url: target.url,
      connections,
      duration,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => {
            const n = next++ % runner.tokens.length;
            return { ...request, path: '/api/profile', headers: { authorization: `Bearer ${runner.tokens[n]}` } };
          },
          ...(retryAfter ? { onResponse: (status: number, _body: string, _context: object, headers: IncomingHttpHeaders | undefined) => retryAfter(status, headers) } : {}),
        },
      ],
    });
    // Without a callback autocannon returns its instance, an event emitter that is also a promise of the result.
    const running = instance as unknown as autocannon.Instance & Promise<autocannon.Result>;
    if (observe) running.on('response', (_client, status, _bytes, ms) => observe(status, ms));
    return running;
  };
  if (warmupSeconds > 0) await load(warmupSeconds);
  const pids = processTree(target.process.pid ?? 0);
  const cpuBefore = treeCpuMicros(pids);
  const histogramBefore = await okHistogram(target);
  const sentBefore = next;
  const ok: number[] = [];
  const statuses: Record<string, number> = {};
  let maxAny = 0;
  let withoutRetryAfter = 0;
  const result = await load(
    durationSeconds,
    (status, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) ok.push(ms);
      if (ms > maxAny) maxAny = ms;
    },
    (status, headers) => {
      if (status === 503 && headers?.['retry-after'] === undefined) withoutRetryAfter++;
    },
  );
  const sent = next - sentBefore;
  const cpuAfter = treeCpuMicros(pids);
  const histogramAfter = await okHistogram(target);
  const answers = Object.values(statuses).reduce((sum, n) => sum + n, 0);
  ok.sort((a, b) => a - b);
  return {
    connections,
    durationSeconds,
    goodput: Math.round(ok.length / durationSeconds),
    p99Ok: Math.round(percentile(ok, 99)),
    maxOk: Math.round(ok[ok.length - 1] ?? 0),
    maxAny: Math.round(maxAny),
    statuses,
    withoutRetryAfter,
    errors: result.errors + result.timeouts,
    sent,
    cpuMicrosPerAnswer: cpuBefore !== undefined && cpuAfter !== undefined && answers > 0 ? Math.round((cpuAfter - cpuBefore) / answers) : undefined,
    okWithinDeadlineAtGateway:
      histogramBefore && histogramAfter && histogramAfter.all > histogramBefore.all
        ? Math.round(((histogramAfter.withinDeadline - histogramBefore.withinDeadline) / (histogramAfter.all - histogramBefore.all)) * 1000) / 1000
        : undefined,
  };
}

/** The gateway's own count of 200 answers to GET /api/profile: all, and those within 2 s of arrival (its histogram's 2 s bucket). */
async function okHistogram(app: RunningApp): Promise<{ all: number; withinDeadline: number } | undefined> {
  const url = /metrics on (http:\/\/\S+)/.exec(app.output())?.[1];
  if (!url) return undefined;
  const lines = (await (await fetch(url)).text()).split('\n').filter((line) => line.startsWith('bff_http_request_duration_seconds_bucket{') && line.includes('route="/api/profile"') && line.includes('status="200"'));
  const bucket = (le: string) => Number(lines.find((line) => line.includes(`le="${le}"`))?.split(' ').pop() ?? 0);
  return { all: bucket('+Inf'), withinDeadline: bucket('2') };
}

/** One sample's value from the gateway's /metrics, by name and labels; summed over matching lines. */
async function metricSum(app: RunningApp, name: string, labels: Record<string, string> = {}): Promise<number> {
  const url = /metrics on (http:\/\/\S+)/.exec(app.output())?.[1];
  if (!url) throw new Error(`${app.name} did not say where its metrics are`);
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return (await (await fetch(url)).text())
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && wanted.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

async function openCircuits(app: RunningApp): Promise<string[]> {
  const url = /metrics on (http:\/\/\S+)/.exec(app.output())?.[1] ?? '';
  return (await (await fetch(url)).text())
    .split('\n')
    .filter((line) => line.startsWith('bff_circuit_breaker_state{') && !line.endsWith(' 0'))
    .map((line) => /service="([^"]+)"/.exec(line)?.[1] ?? line);
}

/** web-bff at 50 connections, then at each of `connections`: goodput, p99 of the 200s, what else it answered. */
export async function overloadScenario(runner: ResilienceRunner, connections: number[], durationSeconds: number): Promise<Omit<OverloadResult, 'baseline'>> {
  const bff = await runner.startWebBff({});
  try {
    const reference = await drive(bff, runner, 50, 3, durationSeconds);
    const opened = new Set(await openCircuits(bff));
    const runs: OverloadResult['runs'] = [];
    for (const n of connections) {
      // The queue of the run before drains first.
      await new Promise((resolve) => setTimeout(resolve, runner.deadlineMs));
      const result = await drive(bff, runner, n, 2, durationSeconds);
      runs.push({ ...result, goodputRatio: Math.round((result.goodput / Math.max(1, reference.goodput)) * 100) / 100 });
      for (const circuit of await openCircuits(bff)) opened.add(circuit);
    }
    return { reference, runs, circuitsOpened: [...opened], downstreamTimeouts: await metricSum(bff, 'bff_downstream_request_duration_seconds_count', { outcome: 'timeout' }) };
  } finally {
    await bff.stop();
  }
}

/** The raw baseline at each of `connections`, after a warm-up: what the machine and the load generator allow at all. */
export async function baselineUnderOverload(runner: ResilienceRunner, connections: number[], durationSeconds: number): Promise<LoadResult[]> {
  const raw = await runner.startBaseline();
  try {
    await drive(raw, runner, 50, 3, 2);
    const results: LoadResult[] = [];
    for (const n of connections) results.push(await drive(raw, runner, n, 2, durationSeconds));
    return results;
  } finally {
    await raw.stop();
  }
}

/** In front of order-service: answers every other call 503 itself, passes the rest on, counts them all. */
class HalfFailingProxy extends LoopbackServer {
  calls = 0;
  private readonly target: URL;

  constructor(target: string) {
    super();
    this.target = new URL(target);
  }

  protected handle(incoming: IncomingMessage, outgoing: ServerResponse): void {
    if (this.calls++ % 2 === 1) {
      incoming.resume();
      outgoing.writeHead(503, { 'content-type': 'application/json' }).end('{"statusCode":503,"error":"Service Unavailable","message":"injected"}');
      return;
    }
    const { hostname, port } = this.target;
    const upstream = forward({ hostname, port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  }
}

/**
 * order-service answering 503 to half its calls, at 50 connections: the calls it sees per client
 * request, and every answer's time. Once as configured (the order circuit opens now and then), once
 * with the circuit out of the way, so that the retry budget alone bounds the retries.
 */
export async function failingServiceScenario(runner: ResilienceRunner, orderServiceUrl: string, durationSeconds: number): Promise<FailingServiceResult[]> {
  const variants: Array<[string, Record<string, string>]> = [
    ['as configured', {}],
    ['circuit out of the way', { CIRCUIT_VOLUME_THRESHOLD: '100000' }],
  ];
  const results: FailingServiceResult[] = [];
  for (const [variant, env] of variants) {
    const proxy = await new HalfFailingProxy(orderServiceUrl).start();
    const bff = await runner.startWebBff({ ...env, ORDER_SERVICE_URL: proxy.url });
    try {
      // No warm-up: the retry budget's window starts empty, as it would for a service that starts failing.
      const load = await drive(bff, runner, 50, 0, durationSeconds);
      const clientRequests = load.sent;
      results.push({
        variant,
        load,
        clientRequests,
        orderServiceCalls: proxy.calls,
        callsPerRequest: Math.round((proxy.calls / Math.max(1, clientRequests)) * 100) / 100,
        retriesRefused: await metricSum(bff, 'bff_downstream_retries_total', { service: 'order', outcome: 'refused' }),
      });
    } finally {
      await bff.stop();
      await proxy.stop();
    }
  }
  return results;
}
