import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitStoreUnavailableError } from '../lib/rate-limit-store.error';
import type { RateLimitStore, RateLimitStoreState } from '../lib/rate-limit.store';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1_000));

/**
 * A RateLimitStore in memory on a clock the test moves: fixed windows and
 * blocks as the Redis script keeps them (a block starts on the hit past the
 * limit and lasts `blockDuration`; the window starts again after it). `down`
 * plays an unreachable store that fails closed.
 */
export class FakeRateLimitStore implements RateLimitStore {
  /** Milliseconds since the test began. */
  now = 0;
  down = false;
  private readonly windows = new Map<string, { hits: number; endsAt: number; blockedUntil: number }>();

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.down) throw new RateLimitStoreUnavailableError();
    const id = `${key}|${throttlerName}`;
    let window = this.windows.get(id);
    const blockOver = window !== undefined && window.blockedUntil > 0 && window.blockedUntil <= this.now;
    if (!window || window.endsAt <= this.now || blockOver) this.windows.set(id, (window = { hits: 0, endsAt: this.now + ttl, blockedUntil: 0 }));
    window.hits++;
    if (window.blockedUntil === 0 && window.hits > limit) window.blockedUntil = this.now + blockDuration;
    const isBlocked = window.blockedUntil > this.now;
    return { totalHits: window.hits, timeToExpire: seconds(window.endsAt - this.now), isBlocked, timeToBlockExpire: isBlocked ? seconds(window.blockedUntil - this.now) : 0 };
  }

  async blockedFor(key: string, throttlerName: string): Promise<number> {
    if (this.down) throw new RateLimitStoreUnavailableError();
    return seconds((this.windows.get(`${key}|${throttlerName}`)?.blockedUntil ?? 0) - this.now);
  }

  async state(): Promise<RateLimitStoreState> {
    return this.down ? { store: 'redis', reachable: false, failClosed: true } : { store: 'redis', reachable: true };
  }
}
