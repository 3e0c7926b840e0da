import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { FailoverThrottlerStorage, OUTAGE_WARNING_INTERVAL_MS } from './failover-throttler.storage';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RateLimitStoreUnavailableError } from './rate-limit-store.error';
import type { RateLimitStore } from './rate-limit.store';

/** A shared store that can be taken down and brought back: a real store in memory. */
class SwitchableStore implements Pick<RateLimitStore, 'increment' | 'blockedFor'> {
  up = true;
  private readonly counts = new MemoryThrottlerStorage();
  increment(...args: Parameters<ThrottlerStorage['increment']>) {
    if (!this.up) return Promise.reject(new Error('connect ECONNREFUSED'));
    return this.counts.increment(...args);
  }
  blockedFor(key: string) {
    if (!this.up) return Promise.reject(new Error('connect ECONNREFUSED'));
    return this.counts.blockedFor(key);
  }
  ping = () => (this.up ? Promise.resolve() : Promise.reject(new Error('connect ECONNREFUSED')));
  onModuleDestroy() {
    this.counts.onApplicationShutdown();
  }
}

describe('FailoverThrottlerStorage', () => {
  let clock: number;
  let shared: SwitchableStore;
  let local: MemoryThrottlerStorage;
  let warnings: string[];
  const hit = (storage: ThrottlerStorage, key = 'user:u1') => storage.increment(key, 60_000, 3, 60_000, 'default');

  beforeEach(() => {
    clock = 1_000_000;
    shared = new SwitchableStore();
    local = new MemoryThrottlerStorage();
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    shared.onModuleDestroy();
    local.onApplicationShutdown();
  });

  it('counts in the shared store while it answers', async () => {
    const storage = new FailoverThrottlerStorage(shared, local, false, () => clock);
    await hit(storage);
    expect((await hit(storage)).totalHits).toBe(2);
    expect((await hit(local)).totalHits).toBe(1);
  });

  it('fails open: counts in memory during an outage, still enforcing the limit, and warns once per interval', async () => {
    const storage = new FailoverThrottlerStorage(shared, local, false, () => clock);
    shared.up = false;
    const records = [];
    for (let i = 0; i < 5; i++) records.push(await hit(storage));

    expect(records.map((r) => r.isBlocked)).toEqual([false, false, false, true, true]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('counting in memory per instance (fail-open)');

    clock += OUTAGE_WARNING_INTERVAL_MS;
    await hit(storage, 'user:u2');
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain('(5 failed checks');
  });

  it('fails closed when told to', async () => {
    const storage = new FailoverThrottlerStorage(shared, local, true, () => clock);
    shared.up = false;
    await expect(hit(storage)).rejects.toBeInstanceOf(RateLimitStoreUnavailableError);
    expect(warnings[0]).toContain('answering 503');
  });

  it('goes back to the shared store as soon as it answers again', async () => {
    const storage = new FailoverThrottlerStorage(shared, local, true, () => clock);
    shared.up = false;
    await expect(hit(storage)).rejects.toBeInstanceOf(RateLimitStoreUnavailableError);
    shared.up = true;

    expect((await hit(storage)).totalHits).toBe(1);
    shared.up = false;
    await expect(hit(storage)).rejects.toBeInstanceOf(RateLimitStoreUnavailableError);
    expect(warnings).toHaveLength(2);
  });
});

describe('FailoverThrottlerStorage, asked whether a key is blocked', () => {
  const block = (storage: ThrottlerStorage, key: string) => storage.increment(key, 60_000, 0, 60_000, 'auth-failure');
  let shared: SwitchableStore;
  let local: MemoryThrottlerStorage;
  beforeEach(() => {
    shared = new SwitchableStore();
    local = new MemoryThrottlerStorage();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    shared.onModuleDestroy();
    local.onApplicationShutdown();
  });

  it('answers from the shared store, then from memory during an outage (fail-open)', async () => {
    const storage = new FailoverThrottlerStorage(shared, local, false);
    await block(storage, 'ip:a');
    expect(await storage.blockedFor('ip:a', 'auth-failure')).toBe(60);
    expect(await storage.blockedFor('ip:b', 'auth-failure')).toBe(0);

    shared.up = false;
    expect(await storage.blockedFor('ip:a', 'auth-failure')).toBe(0);
    await block(storage, 'ip:c');
    expect(await storage.blockedFor('ip:c', 'auth-failure')).toBe(60);
  });

  it('refuses to answer during an outage when failing closed', async () => {
    const storage = new FailoverThrottlerStorage(shared, local, true);
    shared.up = false;
    await expect(storage.blockedFor('ip:a', 'auth-failure')).rejects.toBeInstanceOf(RateLimitStoreUnavailableError);
  });

  it.each([
    [false, { store: 'redis', reachable: false, failClosed: false }],
    [true, { store: 'redis', reachable: false, failClosed: true }],
  ])('reports Redis unreachable, failing closed: %s', async (failClosed, state) => {
    const storage = new FailoverThrottlerStorage(shared, local, failClosed, Date.now, undefined, shared.ping);
    expect(await storage.state()).toEqual({ store: 'redis', reachable: true });
    shared.up = false;
    expect(await storage.state()).toEqual(state);
  });
});
