import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthConfigurableModule } from './auth.options';
import { AuthorizationGuard } from './authorization.guard';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { SessionCodec } from './session.codec';
import { TokenVerifier } from './token.verifier';
import { VerificationKeys } from './verification.keys';
import { WebSessionService } from './web-session.service';

/**
 * `AuthModule.forRoot({ jwksUri | secret, issuer, audience, sessions? })`.
 * Register `JwtAuthGuard` then `AuthorizationGuard` as `APP_GUARD`s (the gateway
 * module does, before the rate limiter, so that limits count verified users).
 */
@Module({
  imports: [PassportModule],
  providers: [VerificationKeys, SessionCodec, TokenVerifier, JwtStrategy, JwtAuthGuard, AuthorizationGuard, WebSessionService],
  exports: [JwtAuthGuard, AuthorizationGuard, SessionCodec, WebSessionService],
})
export class AuthModule extends AuthConfigurableModule {}
