import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitStoreUnavailableError } from './rate-limit-store.error';
import type { RateLimitStore, RateLimitStoreState } from './rate-limit.store';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
/** What the failover needs of each side: counting, and block lookups without counting. */
type Counter = Pick<RateLimitStore, 'increment' | 'blockedFor'>;

/** How often, at most, an outage of the shared store is logged. */
export const OUTAGE_WARNING_INTERVAL_MS = 30_000;

/**
 * Counts in the shared store (Redis) and, while it cannot be reached, either
 * counts in this instance's memory (fail-open, the default: the gateway keeps
 * serving, each instance enforcing the limit alone) or refuses with
 * RateLimitStoreUnavailableError (fail-closed, a 503). It goes back to the
 * shared store on the first call that succeeds, with no restart. An outage
 * logs one warning per interval, not one per request.
 */
export class FailoverThrottlerStorage implements RateLimitStore, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimiting');
  private failuresSinceWarning = 0;
  private lastWarningAt = 0;
  private failing = false;

  constructor(
    private readonly shared: Counter & { onModuleDestroy?(): void },
    private readonly local: Counter & { onApplicationShutdown?(): void },
    private readonly failClosed: boolean,
    private readonly now: () => number = Date.now,
    /** Connects the shared store; awaited (and bounded by the caller) before the gateway takes traffic. */
    private readonly connect: () => Promise<void> = async () => undefined,
    /** Asks the shared store whether it answers (for readiness checks). */
    private readonly ping: () => Promise<void> = async () => undefined,
  ) {}

  /** Redis, reachable or not; when not, whether requests are refused (fail-closed) or counted in memory. */
  async state(): Promise<RateLimitStoreState> {
    try {
      await this.ping();
      return { store: 'redis', reachable: true };
    } catch {
      return { store: 'redis', reachable: false, failClosed: this.failClosed };
    }
  }

  /** A gateway that starts while Redis is down still starts: the failover covers it until Redis is back. */
  async onModuleInit(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      this.failed(error);
    }
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    return this.either((store) => store.increment(key, ttl, limit, blockDuration, throttlerName));
  }

  blockedFor(key: string, throttlerName: string): Promise<number> {
    return this.either((store) => store.blockedFor(key, throttlerName));
  }

  /** After in-flight requests are done, which may still count. */
  onApplicationShutdown(): void {
    this.shared.onModuleDestroy?.();
    this.local.onApplicationShutdown?.();
  }

  private async either<T>(operation: (store: Counter) => Promise<T>): Promise<T> {
    try {
      const result = await operation(this.shared);
      if (this.failing) this.recovered();
      return result;
    } catch (error) {
      this.failed(error);
      if (this.failClosed) throw new RateLimitStoreUnavailableError();
      return operation(this.local);
    }
  }

  private failed(error: unknown): void {
    this.failing = true;
    this.failuresSinceWarning++;
    if (this.now() - this.lastWarningAt < OUTAGE_WARNING_INTERVAL_MS) return;
    const reason = error instanceof Error ? error.message : String(error);
    const mode = this.failClosed ? 'answering 503 (THROTTLE_FAIL_CLOSED=true)' : 'counting in memory per instance (fail-open)';
    this.logger.warn(`Rate-limit store unreachable (${this.failuresSinceWarning} failed checks, last: ${reason}); ${mode}`);
    this.lastWarningAt = this.now();
    this.failuresSinceWarning = 0;
  }

  private recovered(): void {
    this.failing = false;
    this.lastWarningAt = 0;
    this.failuresSinceWarning = 0;
    this.logger.log('Rate-limit store reachable again; counting across instances');
  }
}
