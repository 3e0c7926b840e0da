import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LogoutTokenVerifier } from './logout-token.verifier';
import { MemorySessionStore } from './memory-session.store';
import { OidcClient } from './oidc.client';
import { RedisSessionStore } from './redis-session.store';
import { SessionRefresher } from './session.refresher';
import { SessionResolutionHook } from './session-resolution.hook';
import { SESSION_STORE, type SessionStore } from './session.store';
import { SignInFlow } from './sign-in.flow';
import { WebSessionService } from './web-session.service';
import { WEB_SESSION_OPTIONS, WebSessionConfigurableModule, type WebSessionOptions } from './web-session.options';

/**
 * `WebSessionModule.forRoot({ oidc, appOrigins, sessionTtlSeconds?, redis? })`: web-bff's sign-in as an
 * OpenID Connect confidential client and its server-side sessions. Needs `AuthModule` (with `sessions`)
 * in scope, as the gateway module provides it: its `SessionCodec` seals the login cookie, its
 * `TokenVerifier` checks the access tokens the provider hands over.
 */
@Module({
  providers: [
    {
      provide: SESSION_STORE,
      inject: [WEB_SESSION_OPTIONS],
      useFactory: (options: WebSessionOptions): SessionStore => (options.redis ? RedisSessionStore.connect(options.redis) : new MemorySessionStore()),
    },
    OidcClient,
    SessionRefresher,
    LogoutTokenVerifier,
    SignInFlow,
    WebSessionService,
    SessionResolutionHook,
  ],
  exports: [SignInFlow, WebSessionService],
})
export class WebSessionModule extends WebSessionConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(SESSION_STORE) private readonly store: SessionStore) {
    super();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
