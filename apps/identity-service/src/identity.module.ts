import type { IdentityConfig } from '@bff/config';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccountStore } from './accounts/account.store';
import { AdminSecretGuard } from './admin/admin-secret.guard';
import { KeyRotationController } from './admin/key-rotation.controller';
import { CLOCK, type Clock, systemClock } from './clock/clock';
import { IdentityExceptionFilter } from './errors/identity-exception.filter';
import { IDENTITY_CONFIG } from './identity-config.token';
import { JwksController } from './jwks/jwks.controller';
import { SigningKeyStore } from './keys/signing-key.store';
import { TokenController } from './tokens/token.controller';
import { TokenService } from './tokens/token.service';

@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [TokenController, JwksController, KeyRotationController],
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        {
          provide: SigningKeyStore,
          // The first key is made before the app listens: no request ever finds the store empty.
          useFactory: (clock: Clock) => SigningKeyStore.create({ clock, tokenTtlSeconds: config.tokenTtlSeconds }),
          inject: [CLOCK],
        },
        AccountStore,
        TokenService,
        AdminSecretGuard,
        { provide: APP_FILTER, useClass: IdentityExceptionFilter },
      ],
    };
  }
}
