import type { DownstreamServiceName } from '@bff/config';
import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface RetryOptions {
  max: number;
  baseDelayMs: number;
}

export const RETRY_DEFAULTS: RetryOptions = { max: 2, baseDelayMs: 50 };

/**
 * How many retries a service may be sent, in the manner of Envoy's retry budget: in any window of
 * `windowMs`, at most `percent` % of the calls made to it in that window, or `minRetries`, whichever
 * is more.
 */
export interface RetryBudgetOptions {
  /** Retries allowed as a share of the calls in the window, in percent (0-100). @default 20 */
  percent: number;
  /** The sliding window the calls and retries are counted over. @default 10000 */
  windowMs: number;
  /** Retries allowed in a window however few calls it saw, so that a quiet service can still be retried. @default 3 */
  minRetries: number;
}

export const RETRY_BUDGET_DEFAULTS: RetryBudgetOptions = { percent: 20, windowMs: 10_000, minRetries: 3 };

export interface ServiceClientsOptions {
  /**
   * Base URL of each service (a path in it prefixes every call's path). The services the gateway
   * calls are these keys: one connection pool and one circuit breaker each.
   */
  baseUrls: Record<DownstreamServiceName, string>;
  /**
   * The longest any one attempt may take before it fails with DownstreamTimeoutError (for a
   * pass-through call: until the service's headers, then each gap between body chunks).
   */
  timeoutMs: number;
  /**
   * Retries of idempotent calls (GET, or POST with an Idempotency-Key) on connection errors, 502,
   * 503 and 504, with exponential backoff and jitter, while the deadline allows. Never on 4xx or timeouts.
   * @default { max: 2, baseDelayMs: 50 }
   */
  retry?: RetryOptions;
  /**
   * One retry budget per service: the retries of calls to it stay under a share of its calls, so
   * that retries cannot multiply the load on a service that is failing. A retry the budget refuses
   * is not made: the failure it would have retried is the answer.
   * @default { percent: 20, windowMs: 10000, minRetries: 3 }
   */
  retryBudget?: RetryBudgetOptions;
  /**
   * One circuit breaker per service (opossum): opens when `errorThresholdPercent` of the calls in the
   * last `windowMs` failed (once `volumeThreshold` calls were seen), fails fast while open, lets one
   * probe through after `resetMs`, closes when it succeeds. 4xx answers are not failures. Each
   * named circuit of a pass-through route (`ForwardedRequest.circuit`) is a breaker of its own
   * with the same settings.
   * @default { errorThresholdPercent: 50, volumeThreshold: 10, windowMs: 10000, resetMs: 5000 }
   */
  circuit?: { errorThresholdPercent: number; volumeThreshold: number; windowMs: number; resetMs: number };
}

export const {
  ConfigurableModuleClass: ServiceClientsConfigurableModule,
  MODULE_OPTIONS_TOKEN: SERVICE_CLIENTS_OPTIONS,
} = new ConfigurableModuleBuilder<ServiceClientsOptions>()
  .setClassMethodName('forRoot')
  // Registered once per gateway; every feature module that aggregates injects the clients.
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
