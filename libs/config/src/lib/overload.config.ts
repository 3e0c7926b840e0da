import { ConfigError } from './config.error';
import { envVar } from './env.parser';

// Overload protection and the retry budget (issue 16). The gateway's schema, GatewayConfig and
// loadGatewayConfig each take it in with one line.

export const OVERLOAD_ENV = {
  /** `gradient`: an adaptive concurrency limit; `fixed`: ADMISSION_MAX_CONCURRENCY; `off`: every request goes straight in. */
  ADMISSION_LIMITER: envVar.oneOf(['gradient', 'fixed', 'off']).default('gradient'),
  /** The adaptive limit's floor: what the gateway serves at once without queueing. */
  ADMISSION_MIN_CONCURRENCY: envVar.integer(1, 100_000).default(50),
  /** The adaptive limit's ceiling, and the limit of `fixed`. */
  ADMISSION_MAX_CONCURRENCY: envVar.integer(1, 100_000).default(500),
  /** Requests that may wait for a place; past it, 503 at once. 0: none wait. */
  ADMISSION_QUEUE: envVar.integer(0, 1_000_000).default(2_000),
  /** `Retry-After` of a refused request, in seconds. */
  ADMISSION_RETRY_AFTER_S: envVar.integer(1, 3_600).default(1),
  /** Retries of one service's calls, as a share of its calls in the window (percent). */
  RETRY_BUDGET_PERCENT: envVar.integer(0, 100).default(20),
  RETRY_BUDGET_WINDOW_MS: envVar.integer(100, 3_600_000).default(10_000),
  /** Retries allowed in a window however few calls it saw. */
  RETRY_BUDGET_MIN_RETRIES: envVar.integer(0, 10_000).default(3),
};

export interface OverloadConfig {
  /** Admission at the door (absent: ADMISSION_LIMITER=off). */
  admission?: { limiter: 'gradient' | 'fixed'; minConcurrency: number; maxConcurrency: number; queueCapacity: number; retryAfterSeconds: number };
  /** Per service: retries at most `percent` % of its calls over `windowMs`, or `minRetries`, whichever is more. */
  retryBudget: { percent: number; windowMs: number; minRetries: number };
}

export interface OverloadVars {
  ADMISSION_LIMITER: 'gradient' | 'fixed' | 'off';
  ADMISSION_MIN_CONCURRENCY: number;
  ADMISSION_MAX_CONCURRENCY: number;
  ADMISSION_QUEUE: number;
  ADMISSION_RETRY_AFTER_S: number;
  RETRY_BUDGET_PERCENT: number;
  RETRY_BUDGET_WINDOW_MS: number;
  RETRY_BUDGET_MIN_RETRIES: number;
}

export function overloadOf(vars: OverloadVars): OverloadConfig {
  if (vars.ADMISSION_MIN_CONCURRENCY > vars.ADMISSION_MAX_CONCURRENCY) {
    throw new ConfigError('ADMISSION_MIN_CONCURRENCY', 'must not be more than ADMISSION_MAX_CONCURRENCY');
  }
  const { ADMISSION_LIMITER: limiter } = vars;
  return {
    admission:
      limiter === 'off'
        ? undefined
        : {
            limiter,
            minConcurrency: vars.ADMISSION_MIN_CONCURRENCY,
            maxConcurrency: vars.ADMISSION_MAX_CONCURRENCY,
            queueCapacity: vars.ADMISSION_QUEUE,
            retryAfterSeconds: vars.ADMISSION_RETRY_AFTER_S,
          },
    retryBudget: { percent: vars.RETRY_BUDGET_PERCENT, windowMs: vars.RETRY_BUDGET_WINDOW_MS, minRetries: vars.RETRY_BUDGET_MIN_RETRIES },
  };
}
