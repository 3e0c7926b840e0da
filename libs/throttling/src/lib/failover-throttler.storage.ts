import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitStoreUnavailableError } from './rate-limit-store.error';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

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
export class FailoverThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimiting');
  private failuresSinceWarning = 0;
  private lastWarningAt = 0;
  private failing = false;

  constructor(
    private readonly shared: ThrottlerStorage & { onModuleDestroy?(): void },
    private readonly local: ThrottlerStorage & { onApplicationShutdown?(): void },
    private readonly failClosed: boolean,
    private readonly now: () => number = Date.now,
    /** Connects the shared store; awaited (and bounded by the caller) before the gateway takes traffic. */
    private readonly connect: () => Promise<void> = async () => undefined,
    /** Asks the shared store whether it answers (for readiness checks). */
    private readonly ping: () => Promise<void> = async () => undefined,
  ) {}

  /** True when an unreachable store means refusing requests (503) rather than counting in memory. */
  get failsClosed(): boolean {
    return this.failClosed;
  }

  /** Whether the shared store answers now. */
  async sharedStoreReachable(): Promise<boolean> {
    try {
      await this.ping();
      return true;
    } catch {
      return false;
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

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.failing) this.recovered();
      return record;
    } catch (error) {
      this.failed(error);
      if (this.failClosed) throw new RateLimitStoreUnavailableError();
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  /** After in-flight requests are done, which may still count. */
  onApplicationShutdown(): void {
    this.shared.onModuleDestroy?.();
    this.local.onApplicationShutdown?.();
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
