import type { Clock } from '../clock/clock';

/** One limit: at most `maxFailures` failed sign-ins within a fixed window of `windowMs`. */
export interface FailureLimit {
  maxFailures: number;
  windowMs: number;
}

export interface LoginLimits {
  /** Failures of one email from one client address. */
  perAccountAndAddress: FailureLimit;
  /** Failures of one email from every address together: the ceiling a distributed guess meets. */
  perAccount: FailureLimit;
}

/**
 * OWASP's Authentication Cheat Sheet: lock by account and address, so that an attacker elsewhere cannot
 * lock the real user out of their own address, with a higher ceiling per account against guesses spread
 * over many addresses, and windows that end by themselves rather than a lock an administrator must lift.
 */
export const LOGIN_LIMITS: LoginLimits = {
  perAccountAndAddress: { maxFailures: 5, windowMs: 15 * 60_000 },
  perAccount: { maxFailures: 50, windowMs: 60 * 60_000 },
};

export type LoginVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Counter {
  failures: number;
  resetAtMs: number;
}

/** IPv4 clients of a dual-stack socket show as `::ffff:a.b.c.d`: one address, one count. */
const normaliseAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/**
 * Counts failed sign-ins, in memory (identity-service runs as one instance). Only failures count; a
 * success clears its email's count at that address, not the account-wide one. The email is expected
 * normalised already (see normaliseEmail). The map is swept of ended windows once it holds
 * `sweepAbove` counters, so that a stream of made-up emails cannot grow it without end.
 */
export class LoginFailureLimiter {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: LoginLimits = LOGIN_LIMITS,
    private readonly sweepAbove = 100_000,
  ) {}

  /** Whether a sign-in of `email` from `address` may be tried at all, before the password is looked at. */
  check(email: string, address: string): LoginVerdict {
    const now = this.clock.now();
    let retryAfterMs = 0;
    for (const [key, limit] of this.keysOf(email, address)) {
      const counter = this.live(key, now);
      if (counter && counter.failures >= limit.maxFailures) retryAfterMs = Math.max(retryAfterMs, counter.resetAtMs - now);
    }
    return retryAfterMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : { allowed: true };
  }

  recordFailure(email: string, address: string): void {
    const now = this.clock.now();
    if (this.counters.size >= this.sweepAbove) this.sweep(now);
    for (const [key, limit] of this.keysOf(email, address)) {
      const counter = this.live(key, now) ?? { failures: 0, resetAtMs: now + limit.windowMs };
      counter.failures += 1;
      this.counters.set(key, counter);
    }
  }

  recordSuccess(email: string, address: string): void {
    this.counters.delete(this.pairKey(email, address));
  }

  /** How many counters are held (what the sweep bounds). */
  size(): number {
    return this.counters.size;
  }

  private keysOf(email: string, address: string): Array<[string, FailureLimit]> {
    return [
      [this.pairKey(email, address), this.limits.perAccountAndAddress],
      [`account\n${email}`, this.limits.perAccount],
    ];
  }

  private pairKey(email: string, address: string): string {
    return `pair\n${email}\n${normaliseAddress(address)}`;
  }

  private live(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    if (counter && counter.resetAtMs <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return counter;
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) if (counter.resetAtMs <= now) this.counters.delete(key);
  }
}
