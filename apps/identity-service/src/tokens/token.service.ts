import { API_SCOPES, type IdentityConfig } from '@bff/config';
import { Inject, Injectable } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../clock/clock';
import { IDENTITY_CONFIG } from '../identity-config.token';
import { SigningKeyStore } from '../keys/signing-key.store';
import { PasswordSignIn } from '../sign-in/password-sign-in.service';
import type { TokenRequest } from './token-request.schema';

/** What every token grants: the sample system has no per-user permissions yet. */
export const TOKEN_SCOPE = API_SCOPES.join(' ');

/** The answer to a successful token request (the OAuth 2.0 token response's names, in camelCase). */
export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
}

@Injectable()
export class TokenService {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly signIn: PasswordSignIn,
    private readonly keys: SigningKeyStore,
  ) {}

  /**
   * Checks the credentials (within the sign-in failure limits) and signs an RS256 access token with the
   * active key; throws InvalidCredentialsError or TooManyFailedSignInsError.
   */
  issue(request: TokenRequest, address: string): IssuedToken {
    const account = this.signIn.authenticate(request.email, request.password, address);

    const key = this.keys.signingKey();
    const issuedAt = Math.floor(this.clock.now() / 1000);
    const claims = {
      sub: account.id,
      email: account.email,
      roles: account.roles,
      scope: TOKEN_SCOPE,
      iss: this.config.issuer,
      aud: request.audience,
      iat: issuedAt,
      exp: issuedAt + this.config.tokenTtlSeconds,
      jti: randomUUID(),
    };
    const accessToken = sign(claims, key.privateKey, { algorithm: 'RS256', keyid: key.kid });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.tokenTtlSeconds };
  }
}
