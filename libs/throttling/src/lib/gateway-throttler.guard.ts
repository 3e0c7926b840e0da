import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

interface ThrottledRequest {
  /** Set by the auth guard, which runs first. */
  user?: { sub: string };
  /** The socket address; proxies are not trusted unless configured. */
  ip: string;
}

/**
 * @nestjs/throttler's guard, keyed by caller rather than by route: the
 * verified user when there is one, else the client IP, so that one budget
 * covers every endpoint. Adds `X-RateLimit-*` headers, and `Retry-After` on 429.
 */
@Injectable()
export class GatewayThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: ThrottledRequest): Promise<string> {
    return request.user ? `user:${request.user.sub}` : `ip:${request.ip}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
