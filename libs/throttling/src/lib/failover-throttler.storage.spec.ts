import { Logger } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { FailoverThrottlerStorage, OUTAGE_WARNING_INTERVAL_MS } from './failover-throttler.storage';
import { RateLimitStoreUnavailableError } from './rate-limit-store.error';

/** A shared store that can be taken down and brought back: a real ThrottlerStorage in memory. */
class SwitchableStore implements ThrottlerStorage {
  up = true;
  private readonly counts = new ThrottlerStorageService();
  increment(...args: Parameters<ThrottlerStorage['increment']>) {
    if (!this.up) return Promise.reject(new Error('connect ECONNREFUSED'));
    return this.counts.increment(...args);
  }
  onModuleDestroy() {
    this.counts.onApplicationShutdown();
  }
}

describe('FailoverThrottlerStorage', () => {
  let clock: number;
  let shared: SwitchableStore;
  let local: ThrottlerStorageService;
  let warnings: string[];
  const hit = (storage: ThrottlerStorage, key = 'user:u1') => storage.increment(key, 60_000, 3, 60_000, 'default');

  beforeEach(() => {
    clock = 1_000_000;
    shared = new SwitchableStore();
    local = new ThrottlerStorageService();
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
