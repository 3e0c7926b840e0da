import { Inject, Injectable, Logger } from '@nestjs/common';
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import type { Algorithm } from 'jsonwebtoken';
import { JwksClient, SigningKeyNotFoundError } from 'jwks-rsa';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';

/** How long a key fetched from the JWKS is used before it is checked again. */
const KEY_MAX_AGE_MS = 10 * 60_000;

/** The `kid` in a compact JWS's header, without verifying anything. */
function kidOf(token: string): string | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
    const kid = (header as { kid?: unknown } | null)?.kid;
    return typeof kid === 'string' && kid.length > 0 && kid.length <= 256 ? kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The key a token must verify with, and the only algorithms it may use.
 * HS256 mode: one prepared secret key. JWKS mode: the provider's public keys by
 * `kid`, fetched with jwks-rsa (rate-limited, 1 s timeout) when a `kid` is new,
 * checked again every 10 minutes, and kept while the JWKS endpoint is down, so
 * that tokens signed with known keys keep working through an outage and an
 * unknown `kid` fails fast.
 */
@Injectable()
export class VerificationKeys {
  readonly algorithms: Algorithm[];
  private readonly logger = new Logger(VerificationKeys.name);
  private readonly secretKey: KeyObject | undefined;
  private readonly jwks: JwksClient | undefined;
  private readonly known = new Map<string, { key: KeyObject; checkedAt: number }>();
  private readonly fetching = new Map<string, Promise<KeyObject>>();

  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    if (options.jwksUri) {
      this.algorithms = ['RS256', 'ES256'];
      this.jwks = new JwksClient({ jwksUri: options.jwksUri, cache: false, rateLimit: true, jwksRequestsPerMinute: 10, timeout: 1_000 });
    } else if (options.secret) {
      this.algorithms = ['HS256'];
      this.secretKey = createSecretKey(Buffer.from(options.secret, 'utf8'));
    } else {
      throw new Error('AuthModule needs jwksUri or secret');
    }
  }

  async keyFor(token: string): Promise<KeyObject> {
    if (this.secretKey) return this.secretKey;
    const kid = kidOf(token);
    if (!kid) throw new Error('token has no kid');
    const known = this.known.get(kid);
    if (known && Date.now() - known.checkedAt < KEY_MAX_AGE_MS) return known.key;
    let pending = this.fetching.get(kid);
    if (!pending) {
      pending = this.fetch(kid).finally(() => this.fetching.delete(kid));
      this.fetching.set(kid, pending);
    }
    return pending;
  }

  private async fetch(kid: string): Promise<KeyObject> {
    const known = this.known.get(kid);
    try {
      const signingKey = await (this.jwks as JwksClient).getSigningKey(kid);
      const key = createPublicKey(signingKey.getPublicKey());
      this.known.set(kid, { key, checkedAt: Date.now() });
      return key;
    } catch (error) {
      if (error instanceof SigningKeyNotFoundError) {
        this.known.delete(kid);
        throw error;
      }
      if (known) {
        this.logger.warn(`JWKS unreachable (${error instanceof Error ? error.message : String(error)}); still using the cached key ${kid}`);
        this.known.set(kid, { key: known.key, checkedAt: Date.now() - KEY_MAX_AGE_MS + 30_000 });
        return known.key;
      }
      throw error;
    }
  }
}
