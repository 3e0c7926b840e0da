import { startThrottledApp, type ThrottledApp } from '../testing/throttled-app.harness';

// authFailures: 3 per minute per address; burst and sustained raised out of the way.
describe('AuthFailureThrottlerGuard', () => {
  let app: ThrottledApp;
  beforeEach(async () => {
    app = await startThrottledApp({ burst: { ttlMs: 1_000, limit: 1_000 }, sustained: { ttlMs: 60_000, limit: 1_000 } });
  });
  afterEach(() => app.close());

  const statuses = async (tokens: Array<string | undefined>, from = '198.51.100.1') => {
    const answers = [];
    for (const token of tokens) answers.push((await app.request('/a', { from, token })).status);
    return answers;
  };

  it('refuses an address with 429 once it has had its budget of 401s, before its credentials are looked at', async () => {
    expect(await statuses(['bad', 'bad', 'bad', 'bad', 'bad'])).toEqual([401, 401, 401, 429, 429]);

    // A valid token from that address is refused too: the check comes before verification.
    const refused = await app.request('/a', { from: '198.51.100.1', token: 'user:u1' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.headers['x-ratelimit-limit']).toBeUndefined();
    // Another address is not affected.
    expect(await statuses(['user:u1', 'bad'], '198.51.100.2')).toEqual([200, 401]);
    expect(await app.metrics.registry.getSingleMetricAsString('bff_rate_limit_rejections_total')).toMatch(/\{policy="auth-failure"[^}]*\} 3$/m);
  });

  it('counts 403s as failures, and successes not at all', async () => {
    const successes = Array<string>(10).fill('user:u1');
    expect(await statuses([...successes, 'scopeless:u1', 'bad', ...successes])).toEqual([...Array(10).fill(200), 403, 401, ...Array(10).fill(200)]);
    expect(await statuses(['bad', 'user:u1'])).toEqual([401, 429]);
  });

  it('counts failures on every route, sign-in included, against one budget per address', async () => {
    const login = () => app.request('/login', { method: 'POST', from: '198.51.100.3', body: { email: 'someone@example.com', password: 'guess' } });
    expect((await login()).status).toBe(401);
    expect(await statuses(['bad', 'bad', 'user:u1'], '198.51.100.3')).toEqual([401, 401, 429]);
    expect((await app.request('/b', { from: '198.51.100.3' })).status).toBe(429);
  });

  it('lets the address in again once the window is over', async () => {
    expect(await statuses(['bad', 'bad', 'bad', 'user:u1'])).toEqual([401, 401, 401, 429]);
    app.store.now += 59_000;
    expect((await app.request('/a', { from: '198.51.100.1', token: 'user:u1' })).headers['retry-after']).toBe('1');
    app.store.now += 1_000;
    expect(await statuses(['user:u1', 'bad', 'bad', 'bad', 'bad'])).toEqual([200, 401, 401, 401, 429]);
  });

  it('never refuses a route marked @NotRateLimited() (health)', async () => {
    await statuses(['bad', 'bad', 'bad']);
    expect((await app.request('/health', { from: '198.51.100.1' })).status).toBe(200);
  });

  it('answers 503 before authentication while the store cannot answer and rate limiting fails closed', async () => {
    app.store.down = true;
    expect(await statuses(['bad', 'user:u1'])).toEqual([503, 503]);
  });
});
