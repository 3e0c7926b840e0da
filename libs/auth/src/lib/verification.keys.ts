import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, type KeyObject } from 'node:crypto';
import type { Algorithm } from 'jsonwebtoken';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { AuthenticationError } from './authentication.error';
import { JwksKeySet } from './jwks.key-set';
import { jwsHeaderOf } from './jws-header.parser';
import { TOKEN_POLICY_DEFAULTS } from './token-policy.options';

/** How long a key set fetched from the JWKS is used before it is checked again (in the background). */
const KEY_MAX_AGE_MS = 10 * 60_000;
/** A JWKS fetch that takes longer fails; the keys at hand stay in use. */
const JWKS_TIMEOUT_MS = 1_000;

/**
 * The key a token must verify with, and the only algorithms it may use.
 * HS256 mode: one prepared secret key. JWKS mode (RS256, ES256): the provider's public keys by
 * `kid`, from a {@link JwksKeySet} whose fetches the gateway bounds. Either way the token's header is
 * checked first ({@link jwsHeaderOf}), so a token refused for its header costs no key lookup.
 */
@Injectable()
export class VerificationKeys {
  readonly algorithms: Algorithm[];
  private readonly source: { secret: KeyObject } | { keySet: JwksKeySet };

  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    if (options.jwksUri) {
      this.algorithms = ['RS256', 'ES256'];
      const keySet = new JwksKeySet(options.jwksUri, {
        cooldownMs: options.jwksRefreshCooldownMs ?? TOKEN_POLICY_DEFAULTS.jwksRefreshCooldownMs,
        maxAgeMs: KEY_MAX_AGE_MS,
        timeoutMs: JWKS_TIMEOUT_MS,
        unknownKidTtlMs: options.unknownKidTtlMs ?? TOKEN_POLICY_DEFAULTS.unknownKidTtlMs,
        unknownKidCacheSize: options.unknownKidCacheSize ?? TOKEN_POLICY_DEFAULTS.unknownKidCacheSize,
      });
      this.source = { keySet };
    } else if (options.secret) {
      this.algorithms = ['HS256'];
      this.source = { secret: createSecretKey(Buffer.from(options.secret, 'utf8')) };
    } else {
      throw new Error('AuthModule needs jwksUri or secret');
    }
  }

  /**
   * @throws AuthenticationError `invalid_token` for a header the gateway refuses or a key it lacks
   * @throws VerificationKeysUnavailableError when the JWKS was never fetched and cannot be now
   */
  async keyFor(token: string): Promise<KeyObject> {
    const source = this.source;
    const { alg, kid } = jwsHeaderOf(token, this.algorithms, 'keySet' in source);
    if ('secret' in source) return source.secret;
    if (kid === undefined) throw new AuthenticationError('invalid_token');
    return source.keySet.keyFor({ alg, kid });
  }
}
