import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { type AuthenticatedUser, userFromClaims } from './authenticated-user';
import { SessionCodec } from './session.codec';
import { tokenExtractor } from './token.extractor';
import { verifyOptionsOf } from './token.verifier';
import { VerificationKeys } from './verification.keys';

/**
 * passport-jwt: the token from `Authorization: Bearer` (or web-bff's session
 * cookie), verified with the mode's key and algorithms only (so `alg: none`, and
 * HS256 signed with an RSA public key, fail), `iss`, `aud` and `exp` required,
 * `nbf` honoured, and a `sub` the gateway can act for.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions, keys: VerificationKeys, sessions: SessionCodec) {
    const { algorithms, issuer, audience, clockTolerance } = verifyOptionsOf(options, keys);
    super({
      jwtFromRequest: tokenExtractor(options.sessions ? sessions : undefined),
      // Keys are KeyObjects, prepared once: jsonwebtoken would otherwise build one from a string on
      // every verify. Its types only name string | Buffer, hence the cast.
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
    return userFromClaims(claims) ?? false;
  }
}
