import type { SessionResolution, WebSession } from '@bff/auth';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { LogoutTokenVerifier } from './logout-token.verifier';
import { OidcClient } from './oidc.client';
import { ReturnToPolicy } from './return-to.policy';
import { SessionRefresher } from './session.refresher';
import { SESSION_STORE, type SessionStore } from './session.store';
import { type StoredSession, sessionKeyOf } from './stored-session';
import { WEB_SESSION_OPTIONS, type WebSessionOptions } from './web-session.options';

/** What a logout answers: where the browser signs out at the provider too, if it offers that. */
export interface EndedSession {
  endSessionUrl: string | null;
}

const viewOf = (session: StoredSession): WebSession => ({
  accessToken: session.accessToken,
  csrfToken: session.csrfToken,
  expiresAt: session.expiresAt,
  ...(session.email ? { email: session.email } : {}),
});

/**
 * The browser's sessions on the server (the BFF pattern): the cookie holds a random id; the tokens stay
 * in the session store. Resolving a cookie looks the session up on every request (so a logout on any
 * instance counts at once) and refreshes its access token first when it is about to expire; logout
 * ends the session, revokes its refresh token at the provider and answers the provider's end-session
 * URL; a verified back-channel logout ends every session of the provider session (or user) it names.
 */
@Injectable()
export class WebSessionService {
  private readonly logger = new Logger(WebSessionService.name);
  private readonly returnTo: ReturnToPolicy;

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly refresher: SessionRefresher,
    private readonly oidc: OidcClient,
    private readonly logoutTokens: LogoutTokenVerifier,
    @Inject(WEB_SESSION_OPTIONS) private readonly options: WebSessionOptions,
  ) {
    this.returnTo = new ReturnToPolicy(options.appOrigins);
  }

  /** What a session cookie's value stands for now; never throws (a failure is part of the answer). */
  async resolve(sessionId: string): Promise<SessionResolution> {
    const key = sessionKeyOf(sessionId);
    if (!key) return { session: undefined };
    try {
      let session = await this.store.get(key);
      if (session && this.refresher.isDue(session)) session = await this.refresher.refresh(key, session);
      return session ? { session: viewOf(session) } : { session: undefined };
    } catch (error) {
      return { session: undefined, failure: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /**
   * Ends the session at once (for every instance), then revokes its refresh token at the provider
   * (RFC 7009; a provider that cannot be reached is logged, the session is over either way).
   * @param appOrigin the `Origin` the request came from: the default post-logout redirect's
   */
  async logout(sessionId: string | undefined, appOrigin: unknown): Promise<EndedSession> {
    const key = sessionKeyOf(sessionId);
    const session = key ? await this.store.get(key) : undefined;
    if (!key || !session) return { endSessionUrl: null };
    await this.store.delete(key);
    if (session.refreshToken) {
      await this.oidc.revoke(session.refreshToken).catch((error: unknown) => {
        this.logger.warn(`session of ${session.sub} ended, but its refresh token was not revoked: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    const postLogoutRedirectUri = this.options.oidc.postLogoutRedirectUri ?? (this.returnTo.allows(appOrigin) ? `${appOrigin}/` : undefined);
    const endSessionUrl = await this.oidc
      .endSessionUrl({ idTokenHint: session.idToken, postLogoutRedirectUri })
      .catch(() => undefined);
    return { endSessionUrl: endSessionUrl ?? null };
  }

  /** A back-channel logout from the provider: ends the sessions its (verified) logout token names. */
  async backchannelLogout(logoutToken: unknown): Promise<number> {
    const selector = await this.logoutTokens.verify(logoutToken);
    const ended = await this.store.deleteAll(selector);
    this.logger.log(`back-channel logout (${'sid' in selector ? 'provider session' : 'user'}): ${ended} session(s) ended`);
    return ended;
  }
}
