import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { signTestToken } from '@bff/auth/testing';
import { faults } from './support/fault.admin';
import { call, expectApiError, type HttpResult } from './support/http.client';
import { metric } from './support/metrics.reader';

const DEADLINE_MS = 3_000;
/** How long the slowed user service takes: every admitted request takes at least this. */
const SLOW_MS = 1_000;
/** A refusal at the door comes well before this (it would otherwise wait for a place: at least SLOW_MS), with room for a busy machine. */
const FAST_MS = SLOW_MS * 0.7;

describe('overload protection: what the gateway cannot answer in time is refused at once', () => {
  let system: RunningSystem;
  const gateways: RunningApp[] = [];
  const env = { NODE_ENV: 'test', THROTTLE_LIMIT: '100000', THROTTLE_BURST_LIMIT: '100000', REQUEST_DEADLINE_MS: String(DEADLINE_MS), DOWNSTREAM_TIMEOUT_MS: '2500' };

  const startWebBff = async (admission: Record<string, string>) => {
    const app = await launchApp('web-bff', { env: { ...system.gatewayEnv, ...env, PORT: '0', METRICS_PORT: '0', ...admission }, readyTimeoutMs: 60_000 });
    gateways.push(app);
    return app;
  };
  const profiles = (bff: RunningApp, count: number) =>
    Promise.all(Array.from({ length: count }, (_, i) => call(`${bff.url}/api/profile`, { token: signTestToken(`u${(i % 9) + 1}`) })));
  const statuses = (results: HttpResult[]) => results.map((result) => result.status).sort((a, b) => a - b);

  beforeAll(async () => {
    system = await launchSystem({ auth: 'development-secret', gateways: [], launch: { readyTimeoutMs: 60_000 } });
  }, 90_000);
  afterAll(async () => {
    await Promise.all(gateways.map((app) => app.stop()));
    await system?.stop();
  });
  beforeEach(() => faults.set(system.services['user-service'], { delayMs: SLOW_MS, route: 'GET /users/:id' }));
  afterEach(() => faults.clear(...Object.values(system.services)));

  it('past the limit and its queue, requests get a fast 503 with Retry-After; the admitted and queued ones are answered within the deadline; health still answers', async () => {
    const bff = await startWebBff({ ADMISSION_LIMITER: 'fixed', ADMISSION_MAX_CONCURRENCY: '4', ADMISSION_MIN_CONCURRENCY: '1', ADMISSION_QUEUE: '4', ADMISSION_RETRY_AFTER_S: '2' });
    const pending = profiles(bff, 20);
    // While every place and the whole queue are taken, a request is refused at once, and a health check is not queued.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [health, another] = await Promise.all([call(`${bff.url}/health/live`), profiles(bff, 1)]);
    const results = await pending;

    expect(health.status).toBe(200);
    expect(another.map((result) => result.status)).toEqual([503]);
    const refused = results.filter((result) => result.status === 503);
    const answered = results.filter((result) => result.status === 200);
    // Four in flight and four waiting (answered after about 1 and 2 s); a waiting one may be refused if the machine is slow enough to put its deadline at risk.
    expect(answered.length).toBeGreaterThanOrEqual(4);
    expect(answered.length + refused.length).toBe(20);
    expect(refused.length).toBeGreaterThanOrEqual(12);
    for (const result of refused) {
      expectApiError(result, 503, /at capacity/);
      expect(result.headers.get('retry-after')).toBe('2');
    }
    // Refused at the door: well before the slow service could have answered anything.
    const fastRefusals = refused.filter((result) => result.durationMs < FAST_MS);
    expect(fastRefusals.length).toBeGreaterThanOrEqual(12);
    for (const result of results) expect(result.durationMs).toBeLessThan(DEADLINE_MS + 100);
    const queueFull = (await metric(bff, 'bff_admission_refusals_total', { reason: 'queue_full' })) ?? 0;
    const tooLate = (await metric(bff, 'bff_admission_refusals_total', { reason: 'deadline' })) ?? 0;
    expect([queueFull + tooLate, queueFull >= 12]).toEqual([refused.length + 1, true]);
    expect(await metric(bff, 'bff_admission_limit')).toBe(4);
    expect(await metric(bff, 'bff_admission_queued')).toBe(0);
    expect(await metric(bff, 'bff_admission_inflight')).toBe(0);
    // The gateway's own queue is not the service failing.
    expect(await metric(bff, 'bff_circuit_breaker_state', { service: 'user' })).toBe(0);
  });

  it('a request that would wait past its deadline is refused at once, however much room the queue has', async () => {
    const bff = await startWebBff({ ADMISSION_LIMITER: 'fixed', ADMISSION_MAX_CONCURRENCY: '2', ADMISSION_MIN_CONCURRENCY: '1', ADMISSION_QUEUE: '1000' });
    // Two requests teach it how long one takes (at least SLOW_MS).
    expect(statuses(await profiles(bff, 2))).toEqual([200, 200]);

    // With 2 in flight at 1 s each, the n-th in line waits n x 500 ms, then takes 1 s itself:
    // within a 3 s deadline about 4 can wait; the other 14 cannot be answered in time.
    const results = await profiles(bff, 20);
    const refused = results.filter((result) => result.status === 503);
    expect(statuses(results).filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(refused.filter((result) => result.durationMs < FAST_MS).length).toBeGreaterThanOrEqual(10);
    for (const result of refused) expect(result.headers.get('retry-after')).toBe('1');
    for (const result of results) expect(result.durationMs).toBeLessThan(DEADLINE_MS + 100);
    expect(await metric(bff, 'bff_admission_refusals_total', { reason: 'deadline' })).toBeGreaterThanOrEqual(10);
    expect(await metric(bff, 'bff_admission_refusals_total', { reason: 'queue_full' })).toBeUndefined();
  });

  it('ADMISSION_LIMITER=off lets every request in, to wait for the service', async () => {
    const bff = await startWebBff({ ADMISSION_LIMITER: 'off' });
    expect(statuses(await profiles(bff, 12))).toEqual(new Array(12).fill(200));
    expect(await metric(bff, 'bff_admission_limit')).toBeUndefined();
  });
});
