import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { faults } from './support/fault.admin';
import { call } from './support/http.client';

interface LogLine {
  msg: string;
  reqId?: string;
  [field: string]: unknown;
}

/** The JSON log lines an app wrote so far. */
const logLines = (app: RunningApp): LogLine[] =>
  app
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

/** Prometheus text format, as `name{labels sorted by name}` -> value. */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match?.[1] || !match[3]) throw new Error(`not Prometheus text: ${line}`);
    const labels = (match[2] ?? '').split(/,(?=[a-zA-Z_]+=")/).filter(Boolean).sort().join(',');
    samples.set(labels ? `${match[1]}{${labels}}` : match[1], Number(match[3]));
  }
  return samples;
}

const metricsUrlOf = (app: RunningApp) => /metrics on (http:\/\/\S+)/.exec(app.output())?.[1] ?? '';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('operations', () => {
  let system: RunningSystem;
  let web: RunningApp;
  const token = signTestToken('u42');

  beforeAll(async () => {
    system = await launchSystem({ auth: 'development-secret', gateways: ['web-bff'], gatewayEnv: { NODE_ENV: 'test', METRICS_PORT: '0', THROTTLE_BURST_LIMIT: '5' } });
    web = system.gateway('web-bff');
  });
  afterAll(() => system?.stop());
  afterEach(() => faults.clear(...Object.values(system.services)));

  it('logs one JSON line per request, and one per downstream call, with no secret in them', async () => {
    const result = await call(`${web.url}/api/profile`, { token, headers: { cookie: 'bff_session=secret-cookie' } });
    const requestId = result.headers.get('x-request-id');
    await sleep(100);
    const lines = logLines(web).filter((line) => line.reqId === requestId);

    expect(lines.filter((line) => line.msg === 'request')).toEqual([
      expect.objectContaining({ method: 'GET', route: '/api/profile', status: 200, durationMs: expect.any(Number), sub: 'u42', client: 'web-bff' }),
    ]);
    const calls = lines.filter((line) => line.msg === 'downstream call');
    expect(calls.map((line) => line.service).sort()).toEqual(['catalog', 'order', 'user']);
    expect(calls.every((line) => line.outcome === 'ok' && line.attempt === 1 && typeof line.durationMs === 'number')).toBe(true);
    expect(web.output()).not.toContain(token);
    expect(web.output()).not.toContain('secret-cookie');
  });

  it('names the degraded parts in the request’s log line', async () => {
    await faults.set(system.services['recommendation-service'], { status: 503 });
    const result = await call(`${web.url}/api/home`, { token });
    await sleep(100);
    const line = logLines(web).find((entry) => entry.reqId === result.headers.get('x-request-id') && entry.msg === 'request');
    expect(line?.['degraded']).toBe('recommendations');
  });

  it('serves Prometheus metrics on their own port only', async () => {
    await sleep(1_100); // a fresh burst window: 7 at once are 5 answers and 2 refusals
    await Promise.all(Array.from({ length: 7 }, () => call(`${web.url}/api/profile`, { token })));
    const response = await fetch(metricsUrlOf(web));
    expect(response.status).toBe(200);
    const samples = parseMetrics(await response.text());
    const value = (name: string) => samples.get(name) ?? 0;

    expect(value('bff_http_request_duration_seconds_count{app="web-bff",method="GET",route="/api/profile",status="200"}')).toBeGreaterThanOrEqual(4);
    expect(value('bff_http_request_duration_seconds_count{app="web-bff",method="GET",route="/api/profile",status="429"}')).toBeGreaterThanOrEqual(1);
    expect(value('bff_downstream_request_duration_seconds_count{app="web-bff",outcome="ok",service="user"}')).toBeGreaterThanOrEqual(4);
    expect(value('bff_rate_limit_rejections_total{app="web-bff",policy="burst"}')).toBeGreaterThanOrEqual(1);
    expect(value('bff_circuit_breaker_state{app="web-bff",service="order"}')).toBe(0);
    expect(value('bff_cache_lookups_total{app="web-bff",cache="products",result="hit"}')).toBeGreaterThan(0);
    expect(samples.has('process_cpu_user_seconds_total{app="web-bff"}')).toBe(true);
    expect((await call(`${web.url}/metrics`)).status).toBe(404);
  });

  it('continues the caller’s trace to the services, or starts one', async () => {
    await sleep(1_100); // past the burst window the previous test used up
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await call(`${web.url}/api/profile`, { token, headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    const continued = (await faults.lastRequest(system.services['user-service'])).headers['traceparent'];
    expect(continued).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(continued).not.toContain('00f067aa0ba902b7');

    await call(`${web.url}/api/profile`, { token: signTestToken('u43') });
    const started = (await faults.lastRequest(system.services['user-service'])).headers['traceparent'];
    expect(started).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(started).not.toContain(traceId);
  });

  it('never rate-limits health checks, under any policy', async () => {
    const statuses = await Promise.all(Array.from({ length: 12 }, () => call(`${web.url}/health/ready`).then((r) => r.status)));
    expect(statuses).toEqual(Array(12).fill(200));
  });

  it('is live and ready while its required services are, and says what is down when not', async () => {
    expect((await call(`${web.url}/health/live`)).body).toEqual({ status: 'ok' });
    const ready = await call<{ status: string }>(`${web.url}/health/ready`);
    expect([ready.status, ready.body.status]).toEqual([200, 'ok']);

    const flaky = await launchApp('web-bff', {
      env: { ...system.gatewayEnv, NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', CIRCUIT_VOLUME_THRESHOLD: '2', RETRY_MAX: '0', CIRCUIT_RESET_MS: '60000' },
    });
    try {
      await faults.set(system.services['order-service'], { status: 503 });
      for (let i = 0; i < 3; i++) await call(`${flaky.url}/api/profile`, { token });
      const notReady = await call<{ status: string; error: Record<string, { status: string; open?: string[] }> }>(`${flaky.url}/health/ready`);
      expect(notReady.status).toBe(503);
      expect(notReady.body.status).toBe('error');
      expect(notReady.body.error['circuits']).toEqual(expect.objectContaining({ status: 'down', open: ['order'] }));
      expect((await call(`${flaky.url}/health/live`)).status).toBe(200);
    } finally {
      await flaky.stop();
    }
  });

  it('on SIGTERM finishes every request in flight, takes no new ones, and exits 0', async () => {
    const draining = await launchApp('web-bff', { env: { ...system.gatewayEnv, NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', SHUTDOWN_GRACE_MS: '5000' } });
    const orders = system.services['order-service'];
    await faults.set(orders, { delayMs: 700 });
    await faults.resetRequests(orders);
    const inFlight = Array.from({ length: 5 }, (_, i) => call(`${draining.url}/api/profile`, { token: signTestToken(`u${50 + i}`) }).then((r) => r.status));
    // In flight means at the gateway, waiting for order-service: on a busy machine a fixed pause could
    // signal before a request had even been read, and a socket with nothing read yet is idle to Node.
    for (let waited = 0; ((await faults.requests(orders))['GET /orders'] ?? 0) < 5 && waited < 5_000; waited += 20) await sleep(20);
    const signalled = Date.now();
    const exited = draining.stop('SIGTERM');
    await sleep(100);

    const late = await call(`${draining.url}/health/live`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(await Promise.all(inFlight)).toEqual([200, 200, 200, 200, 200]);
    expect([503, 'refused']).toContain(late);
    expect(await exited).toBe(0);
    // It exits when the work is done, not when the grace period runs out.
    expect(Date.now() - signalled).toBeLessThan(3_000);
    expect(draining.output()).toContain('SIGTERM: draining in-flight requests');
    expect(draining.output()).toContain('drained; exiting');
  });
});
