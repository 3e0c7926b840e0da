import type { IdentityConfig } from '@bff/config';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccountStore } from './accounts/account.store';
import { AdminSecretGuard } from './admin/admin-secret.guard';
import { KeyRotationController } from './admin/key-rotation.controller';
import { CLOCK, type Clock, systemClock } from './clock/clock';
import { IdentityExceptionFilter } from './errors/identity-exception.filter';
import { IDENTITY_CONFIG } from './identity-config.token';
import { AntiForgeryTokens } from './interaction/anti-forgery.tokens';
import { InteractionController } from './interaction/interaction.controller';
import { SignInFlow } from './interaction/sign-in.flow';
import { JwksController } from './jwks/jwks.controller';
import { SigningKeyStore } from './keys/signing-key.store';
import { MemoryStore } from './oidc/memory.store';
import { OidcProviderHost } from './oidc/oidc-provider.host';
import { loadOidcProvider } from './oidc/oidc-provider.loader';
import { OidcRoutesRegistrar } from './oidc/oidc-routes.registrar';
import { LoginFailureLimiter } from './sign-in/login-failure.limiter';
import { PasswordSignIn } from './sign-in/password-sign-in.service';
import { TokenController } from './tokens/token.controller';
import { TokenService } from './tokens/token.service';

@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    // POST /auth/token, the password grant web-bff still signs in with, exists outside production only.
    const production = config.environment === 'production';
    const providers: Provider[] = [
      { provide: IDENTITY_CONFIG, useValue: config },
      { provide: CLOCK, useValue: systemClock },
      {
        provide: SigningKeyStore,
        // The first key is made before the app listens: no request ever finds the store empty.
        useFactory: (clock: Clock) => SigningKeyStore.create({ clock, tokenTtlSeconds: config.tokenTtlSeconds, verifySeconds: config.sessionTtlSeconds }),
        inject: [CLOCK],
      },
      AccountStore,
      { provide: LoginFailureLimiter, useFactory: (clock: Clock) => new LoginFailureLimiter(clock), inject: [CLOCK] },
      PasswordSignIn,
      { provide: MemoryStore, useFactory: (clock: Clock) => new MemoryStore(clock), inject: [CLOCK] },
      {
        provide: OidcProviderHost,
        useFactory: async (keys: SigningKeyStore, accounts: AccountStore, store: MemoryStore) =>
          new OidcProviderHost({ config, accounts, keys, store, oidc: await loadOidcProvider() }),
        inject: [SigningKeyStore, AccountStore, MemoryStore],
      },
      OidcRoutesRegistrar,
      { provide: AntiForgeryTokens, useValue: new AntiForgeryTokens() },
      SignInFlow,
      AdminSecretGuard,
      { provide: APP_FILTER, useClass: IdentityExceptionFilter },
    ];
    return {
      module: IdentityModule,
      controllers: [JwksController, KeyRotationController, InteractionController, ...(production ? [] : [TokenController])],
      providers: [...providers, ...(production ? [] : [TokenService])],
    };
  }
}
