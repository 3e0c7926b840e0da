import { ThrottlerStorageService } from '@nestjs/throttler';
import type { RateLimitStore, RateLimitStoreState } from './rate-limit.store';

/**
 * @nestjs/throttler's in-memory storage (each instance counts alone), able to
 * say whether a key is blocked without counting. Its records are per key, and
 * every key the gateway writes names its policy, so the record's block is the
 * policy's.
 */
export class MemoryThrottlerStorage extends ThrottlerStorageService implements RateLimitStore {
  async blockedFor(key: string): Promise<number> {
    const record = this.storage.get(key);
    const left = record?.isBlocked ? record.blockExpiresAt - Date.now() : 0;
    return left > 0 ? Math.ceil(left / 1_000) : 0;
  }

  async state(): Promise<RateLimitStoreState> {
    return { store: 'memory' };
  }
}
