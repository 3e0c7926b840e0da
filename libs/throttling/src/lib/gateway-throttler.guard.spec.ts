import { startThrottledApp, type ThrottledApp } from '../testing/throttled-app.harness';

// burst 3 per second, sustained 5 per minute, login 2 per minute (see the harness).
describe('GatewayThrottlerGuard', () => {
  let app: ThrottledApp;
  beforeEach(async () => {
    app = await startThrottledApp();
  });
  afterEach(() => app.close());

  const statuses = async (count: number, path: string, options: Parameters<ThrottledApp['request']>[1] = {}) => {
    const answers = [];
    for (let i = 0; i < count; i++) answers.push(await app.request(path, options));
    return answers.map((answer) => answer.status);
  };

  it('tells the caller its budget: the sustained policy without a suffix, the burst one with', async () => {
    const { status, headers } = await app.request('/a', { token: 'user:u1' });

    expect(status).toBe(200);
    expect(headers).toMatchObject({
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset': '60',
      'x-ratelimit-limit-burst': '3',
      'x-ratelimit-remaining-burst': '2',
      'x-ratelimit-reset-burst': '1',
    });
    expect(headers['retry-after']).toBeUndefined();
  });

  it('refuses a burst with 429 and Retry-After, then lets the caller in again; the refused request counts too', async () => {
    expect(await statuses(3, '/a', { token: 'user:u1' })).toEqual([200, 200, 200]);
    const refused = await app.request('/a', { token: 'user:u1' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['retry-after-burst']).toBe('1');

    app.store.now += 1_000;
    const again = await app.request('/a', { token: 'user:u1' });
    expect(again.status).toBe(200);
    expect(again.headers['x-ratelimit-remaining']).toBe('0');
    expect(await app.metrics.registry.getSingleMetricAsString('bff_rate_limit_rejections_total')).toMatch(/bff_rate_limit_rejections_total\{policy="burst"[^}]*\} 1$/m);
  });

  it('answers the longest wait when several policies refuse, since only then do all let the caller in', async () => {
    expect(await statuses(3, '/a', { token: 'user:u1' })).toEqual([200, 200, 200]);
    app.store.now += 1_000;
    expect(await statuses(2, '/a', { token: 'user:u1' })).toEqual([200, 200]);
    const sustained = await app.request('/a', { token: 'user:u1' });
    expect([sustained.status, sustained.headers['retry-after'], sustained.headers['retry-after-burst']]).toEqual([429, '60', undefined]);

    app.store.now += 2_000;
    expect(await statuses(3, '/a', { token: 'user:u1' })).toEqual([429, 429, 429]);
    const both = await app.request('/a', { token: 'user:u1' });
    expect([both.status, both.headers['retry-after'], both.headers['retry-after-burst']]).toEqual([429, '58', '1']);
  });

  it('keeps one budget per verified user across routes, and one per address for anonymous callers', async () => {
    expect(await statuses(2, '/a', { token: 'user:u1' })).toEqual([200, 200]);
    expect((await app.request('/b', { token: 'user:u1' })).headers['x-ratelimit-remaining']).toBe('2');
    expect((await app.request('/b', { token: 'user:u2' })).headers['x-ratelimit-remaining']).toBe('4');
    // Anonymous: the client address, the same whoever the caller claims to be.
    expect((await app.request('/a', { from: '198.51.100.7' })).headers['x-ratelimit-remaining']).toBe('4');
    expect((await app.request('/b', { from: '198.51.100.7' })).headers['x-ratelimit-remaining']).toBe('3');
    expect((await app.request('/b', { from: '198.51.100.8' })).headers['x-ratelimit-remaining']).toBe('4');
  });

  it('counts an IPv6 client by its /64, as the library does, so that it cannot walk its own subnet', async () => {
    await app.request('/a', { from: '2001:db8:1:2::1' });
    expect((await app.request('/a', { from: '2001:db8:1:2:ffff::9' })).headers['x-ratelimit-remaining']).toBe('3');
    expect((await app.request('/a', { from: '2001:db8:1:3::1' })).headers['x-ratelimit-remaining']).toBe('4');
  });

  it('honours @SkipThrottle for one policy and @NotRateLimited() for all', async () => {
    const noBurst = await statuses(5, '/no-burst', { token: 'user:u1' });
    expect(noBurst).toEqual([200, 200, 200, 200, 200]);
    const { headers } = await app.request('/no-burst', { token: 'user:u2' });
    expect(headers['x-ratelimit-limit']).toBe('5');
    expect(headers['x-ratelimit-limit-burst']).toBeUndefined();

    const health = await statuses(10, '/health', { token: 'user:u1' });
    expect(health).toEqual(Array(10).fill(200));
    expect((await app.request('/health')).headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('limits sign-in attempts per address whatever the account, and per account whatever the address', async () => {
    const login = (from: string, email: string) => app.request('/login', { method: 'POST', from, body: { email, password: 'guess' } });
    const fromOne = [];
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) fromOne.push((await login('198.51.100.1', email)).status);
    expect(fromOne).toEqual([401, 401, 429]);

    const oneAccount = [];
    for (const from of ['198.51.100.2', '198.51.100.3', '198.51.100.4']) oneAccount.push((await login(from, 'victim@example.com')).status);
    expect(oneAccount).toEqual([401, 401, 429]);
    expect((await login('198.51.100.5', 'VICTIM@example.com')).status).toBe(429);
    expect((await login('198.51.100.5', 'someone@example.com')).headers['x-ratelimit-limit-login-account']).toBe('2');
  });

  it('answers 503 with Retry-After while the store cannot count and rate limiting fails closed', async () => {
    app.store.down = true;
    const answer = await app.request('/a', { token: 'user:u1' });
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
  });
});
