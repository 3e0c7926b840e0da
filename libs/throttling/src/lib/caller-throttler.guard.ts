import { type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { type ThrottlerLimitDetail, type ThrottlerModuleOptions, ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlingOptions } from './throttling.options';

interface HeaderReader {
  getHeader?(name: string): unknown;
}

/**
 * What the gateway's guards change in @nestjs/throttler's, through its
 * extension points: a caller's key is the same on every route
 * (`<keyPrefix><policy>:<tracker>`; the library's hashes the route in, which
 * would give each endpoint a budget of its own), and a refusal carries a plain
 * `Retry-After` whichever policy refused (the library's carries the policy's
 * name as a suffix, except for `default`).
 */
export abstract class CallerThrottlerGuard extends ThrottlerGuard {
  private readonly keyPrefix: string;

  protected constructor(options: ThrottlerModuleOptions, storage: ThrottlerStorage, reflector: Reflector, throttling: ThrottlingOptions) {
    super(options, storage, reflector);
    this.keyPrefix = throttling.redis?.keyPrefix ?? '';
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${this.keyPrefix}${throttlerName}:${tracker}`;
  }

  /** The client address as the library reads it (IPv6 by its /64, as one host usually holds one). */
  protected async addressOf(request: Record<string, unknown>): Promise<string> {
    return `ip:${await super.getTracker(request)}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    // When several policies refuse one request, the longest wait is the one after which all let it in.
    const previous = Number((res as HeaderReader).getHeader?.('retry-after')) || 0;
    this.setResponseHeader(res, 'Retry-After', Math.max(previous, 1, detail.timeToBlockExpire));
    return super.throwThrottlingException(context, detail);
  }
}
