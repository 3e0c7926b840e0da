import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';

/** The policy that counts a client address's 401 and 403 answers (AuthFailureThrottlerGuard). */
export const AUTH_FAILURE_POLICY = 'auth-failure';

/** Every rate-limit policy, by the name @nestjs/throttler knows it by. */
export const RATE_LIMIT_POLICIES = ['burst', 'default', 'login-ip', 'login-account', AUTH_FAILURE_POLICY] as const;

/** The route is never rate-limited, under any policy (health checks). */
export const NotRateLimited = () => SkipThrottle(Object.fromEntries(RATE_LIMIT_POLICIES.map((policy) => [policy, true])));

const LOGIN_ATTEMPT = 'throttling:loginAttempt';

/** The route signs a user in: the strict login policy applies, per client address and per account. */
export const LoginAttempt = () => SetMetadata(LOGIN_ATTEMPT, true);

export function isLoginAttempt(context: ExecutionContext): boolean {
  return Reflect.getMetadata(LOGIN_ATTEMPT, context.getHandler()) === true;
}

/** The account a sign-in names (its email, normalised), so guessing is limited per account whatever address it comes from. */
export function accountOf(request: { body?: unknown; ip?: string }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.length <= 254 ? email.trim().toLowerCase() : `unknown@${request.ip ?? ''}`;
}
