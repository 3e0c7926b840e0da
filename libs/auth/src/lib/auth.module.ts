import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthConfigurableModule } from './auth.options';
import { AuthorizationGuard } from './authorization.guard';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { SessionCodec } from './session.codec';
import { TokenVerifier } from './token.verifier';
import { VerificationKeys } from './verification.keys';

/**
 * `AuthModule.forRoot({ jwksUri | secret, issuer, audience, sessions? })`.
 * Run `JwtAuthGuard` then `AuthorizationGuard` on every route (the gateway's route
 * pipeline calls them from each route's Fastify hook, before the rate limiter, so
 * that limits count verified users; as `APP_GUARD`s they work the same).
 * With `sessions`, a cookie session counts once something (web-bff's `@bff/web-session`)
 * has resolved it for the request (`recordSessionResolution`).
 */
@Module({
  imports: [PassportModule],
  providers: [VerificationKeys, SessionCodec, TokenVerifier, JwtStrategy, JwtAuthGuard, AuthorizationGuard],
  exports: [JwtAuthGuard, AuthorizationGuard, SessionCodec, TokenVerifier],
})
export class AuthModule extends AuthConfigurableModule {}
