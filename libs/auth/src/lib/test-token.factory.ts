import { DEVELOPMENT_JWT_ISSUER, DEVELOPMENT_JWT_SECRET } from '@bff/config';
import { randomUUID } from 'node:crypto';
import { sign, type SignOptions } from 'jsonwebtoken';

export interface TestTokenOptions {
  /** @default 'web' (web-bff's audience, as its gateway.defaults.json states it) */
  audience?: string;
  /** @default the development issuer */
  issuer?: string;
  /** @default the development secret */
  secret?: string;
  /** Seconds from now; negative for a token that has already expired. @default 3600 */
  expiresInSeconds?: number;
  /** Seconds from now before which the token is not valid. */
  notBeforeSeconds?: number;
  /** Extra or overriding claims (`sub: undefined` drops it). */
  claims?: Record<string, unknown>;
  algorithm?: SignOptions['algorithm'];
}

/**
 * A signed HS256 token for local runs and tests (`npm run token -- u42`),
 * valid at a gateway with the development configuration unless told otherwise.
 */
export function signTestToken(sub: string, options: TestTokenOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    sub,
    roles: ['customer'],
    // The scopes identity-service grants its users.
    scope: 'profile:read profile:write orders:read orders:write',
    iss: options.issuer ?? DEVELOPMENT_JWT_ISSUER,
    aud: options.audience ?? 'web',
    iat: now,
    exp: now + (options.expiresInSeconds ?? 3600),
    jti: randomUUID(),
    ...(options.notBeforeSeconds === undefined ? {} : { nbf: now + options.notBeforeSeconds }),
    ...options.claims,
  };
  return sign(claims, options.secret ?? DEVELOPMENT_JWT_SECRET, { algorithm: options.algorithm ?? 'HS256' });
}
