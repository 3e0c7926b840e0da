import { Inject, Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { RateLimitStore } from './rate-limit.store';
import { RATE_LIMIT_STORE } from './throttling.tokens';

/**
 * Terminus indicator for the rate-limit store. Up while counts are kept:
 * in memory, in Redis, or, while Redis does not answer and rate limiting
 * fails open, in this instance's memory (the instance still serves, so it
 * stays in rotation). Down only while Redis does not answer and rate limiting
 * fails closed, since every request is then refused with 503.
 */
@Injectable()
export class RateLimitStoreHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
  ) {}

  async isHealthy<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    const state = await this.store.state();
    if (state.store === 'memory') return indicator.up({ mode: 'in-memory' });
    if (state.reachable) return indicator.up();
    return state.failClosed
      ? indicator.down({ reachable: false, mode: 'fail-closed: answering 503' })
      : indicator.up({ reachable: false, mode: 'fail-open: counting in memory' });
  }
}
