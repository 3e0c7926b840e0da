import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import type { AuthenticatedUser } from './authenticated-user';
import { SessionCodec } from './session.codec';
import { tokenExtractor } from './token.extractor';
import { acceptedUser, verifyOptionsOf } from './token.verifier';
import { VerificationKeys } from './verification.keys';

/**
 * passport-jwt: the token from `Authorization: Bearer` (or web-bff's session
 * cookie), its header checked before any key lookup (the mode's algorithms only,
 * so `alg: none` and HS256 signed with an RSA public key fail; no `crit`), then
 * verified with the mode's key: `iss`, `aud`, `exp` and `iat` required, `nbf`
 * honoured, a lifetime no longer than the configured maximum, and a `sub` the
 * gateway can act for.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    keys: VerificationKeys,
    sessions: SessionCodec,
  ) {
    const { algorithms, issuer, audience, clockTolerance } = verifyOptionsOf(options, keys);
    super({
      jwtFromRequest: tokenExtractor(options.sessions ? sessions : undefined),
      // Keys are KeyObjects, prepared once: jsonwebtoken would otherwise build one from a string on
      // every verify. Its types only name string | Buffer, hence the cast. A failure here reaches the
      // guard as passport's `info` (JwtAuthGuard answers it).
      secretOrKeyProvider: (_request: unknown, token: string, done: (error: unknown, key?: Buffer) => void) =>
        void keys.keyFor(token).then(
          (key) => done(null, key as unknown as Buffer),
          (error: unknown) => done(error),
        ),
      algorithms,
      issuer: typeof issuer === 'string' ? issuer : undefined,
      audience: typeof audience === 'string' ? audience : undefined,
      jsonWebTokenOptions: { clockTolerance },
    });
  }

  /** Passport calls this with the verified claims; false rejects the token. */
  validate(claims: unknown): AuthenticatedUser | false {
    return acceptedUser(claims, this.options) ?? false;
  }
}
