import { Inject, Injectable } from '@nestjs/common';
import { type VerifyOptions, verify } from 'jsonwebtoken';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { type AuthenticatedUser, userFromClaims } from './authenticated-user';
import { AuthenticationError } from './authentication.error';
import { TOKEN_POLICY_DEFAULTS } from './token-policy.options';
import { VerificationKeys } from './verification.keys';

/** The checks jsonwebtoken makes on every token, whichever way it arrives: algorithms of the mode, `iss`, `aud`, `exp`, `nbf`. */
export function verifyOptionsOf(options: AuthOptions, keys: VerificationKeys): VerifyOptions & { algorithms: VerifyOptions['algorithms'] } {
  return {
    algorithms: keys.algorithms,
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSeconds ?? 30,
  };
}

/**
 * The user a signature-checked token describes, once its times are plausible too, or undefined:
 * `iat` a number no later than now plus the clock tolerance, and a lifetime (`exp` − `iat`) above
 * zero and at most `maxTokenLifetimeSeconds`. So no signed claim, however large or oddly typed,
 * goes further than this (`exp: 1e20` would otherwise reach code that makes it a date).
 */
export function acceptedUser(claims: unknown, options: AuthOptions, nowSeconds = Date.now() / 1000): AuthenticatedUser | undefined {
  const user = userFromClaims(claims);
  if (!user) return undefined;
  const { iat } = claims as { iat?: unknown };
  if (typeof iat !== 'number') return undefined;
  const lifetime = user.expiresAt - iat;
  const maxLifetime = options.maxTokenLifetimeSeconds ?? TOKEN_POLICY_DEFAULTS.maxTokenLifetimeSeconds;
  if (iat > nowSeconds + (options.clockToleranceSeconds ?? 30) || lifetime <= 0 || lifetime > maxLifetime) return undefined;
  return user;
}

/** Verifies a token outside a request's guard (web-bff's sign-in checks what the identity provider handed it). */
@Injectable()
export class TokenVerifier {
  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    private readonly keys: VerificationKeys,
  ) {}

  /**
   * @throws AuthenticationError `invalid_token` when the token fails any check
   * @throws VerificationKeysUnavailableError when there is no key to check it with (503)
   */
  async verify(token: string): Promise<AuthenticatedUser> {
    const key = await this.keys.keyFor(token);
    let claims: unknown;
    try {
      claims = verify(token, key, verifyOptionsOf(this.options, this.keys));
    } catch {
      throw new AuthenticationError('invalid_token');
    }
    const user = acceptedUser(claims, this.options);
    if (!user) throw new AuthenticationError('invalid_token');
    return user;
  }
}
