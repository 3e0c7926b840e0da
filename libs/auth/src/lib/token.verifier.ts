import { Inject, Injectable } from '@nestjs/common';
import { type VerifyOptions, verify } from 'jsonwebtoken';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { type AuthenticatedUser, userFromClaims } from './authenticated-user';
import { VerificationKeys } from './verification.keys';

/** The checks every token passes, whichever way it arrives: algorithms of the mode, `iss`, `aud`, time. */
export function verifyOptionsOf(options: AuthOptions, keys: VerificationKeys): VerifyOptions & { algorithms: VerifyOptions['algorithms'] } {
  return {
    algorithms: keys.algorithms,
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSeconds ?? 30,
  };
}

/** Verifies a token outside a request's guard (web-bff's login checks what identity-service handed it). */
@Injectable()
export class TokenVerifier {
  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    private readonly keys: VerificationKeys,
  ) {}

  /** @throws when the token fails any check; the message is for logs, never for clients */
  async verify(token: string): Promise<AuthenticatedUser> {
    const key = await this.keys.keyFor(token);
    const claims = verify(token, key, verifyOptionsOf(this.options, this.keys));
    const user = userFromClaims(claims);
    if (!user) throw new Error('token lacks sub or exp');
    return user;
  }
}
