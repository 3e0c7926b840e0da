import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { type AuthenticatedUser, userFromClaims } from './authenticated-user';

/**
 * Verifies `Authorization: Bearer <jwt>`: HS256 only, `iss`, `aud` and `exp`
 * required, `nbf` honoured, and a `sub` the gateway can act for.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    // jsonwebtoken turns a string secret into a KeyObject on every verify (after a failed
    // attempt to read it as a public key); a prepared KeyObject skips both. Its types only
    // name string | Buffer, hence the cast.
    const key: KeyObject = createSecretKey(Buffer.from(options.secret, 'utf8'));
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_request: unknown, _token: unknown, done: (error: null, key: Buffer) => void) =>
        done(null, key as unknown as Buffer),
      algorithms: ['HS256'],
      issuer: options.issuer,
      audience: options.audience,
      jsonWebTokenOptions: { clockTolerance: options.clockToleranceSeconds ?? 30 },
    });
  }

  /** Passport calls this with the verified claims; false rejects the token. */
  validate(claims: unknown): AuthenticatedUser | false {
    return userFromClaims(claims) ?? false;
  }
}
