import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthConfigurableModule } from './auth.options';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';

/**
 * `AuthModule.forRoot({ secret, issuer, audience })`. Register `JwtAuthGuard`
 * as an `APP_GUARD` (the gateway module does, before the rate limiter, so that
 * limits are counted per verified user).
 */
@Module({
  imports: [PassportModule],
  providers: [JwtStrategy, JwtAuthGuard],
  exports: [JwtAuthGuard],
})
export class AuthModule extends AuthConfigurableModule {}
