import { type AuthenticatedUser, SessionCodec, TokenVerifier } from '@bff/auth';
import { DownstreamError } from '@bff/service-clients';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { calculatePKCECodeChallenge, randomNonce, randomPKCECodeVerifier, randomState } from 'openid-client';
import { z } from 'zod';
import { OidcClient, type ProviderTokens } from './oidc.client';
import { ReturnToPolicy } from './return-to.policy';
import { LOGIN_STATE_TTL_S } from './session.cookies';
import { SESSION_STORE, type SessionStore } from './session.store';
import { newSessionId, type StoredSession, sessionKeyOf } from './stored-session';
import { GrantRefusedError, InvalidProviderResponseError, SessionStoreUnavailableError, SignInFailedError, type SignInFailureReason } from './web-session.errors';
import { WEB_SESSION_OPTIONS, type WebSessionOptions } from './web-session.options';

const LOGIN_PURPOSE = 'login-state';
const loginStateSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43),
  returnTo: z.string().min(1),
  redirectUri: z.string().min(1),
});
type LoginState = z.infer<typeof loginStateSchema>;

/** A started sign-in: where to send the browser, and the sealed state for its login cookie. */
export interface StartedSignIn {
  authorizationUrl: string;
  loginCookie: string;
}

/** A finished sign-in: the new session's id (the cookie's value), the session, and where to send the browser. */
export interface CompletedSignIn {
  sessionId: string;
  session: StoredSession;
  returnTo: string;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The authorization code flow with PKCE, as a confidential client: `begin` makes state, nonce and the
 * S256 verifier, seals them with `returnTo` into the login cookie and builds the provider's URL;
 * `complete` checks the callback against that cookie (state; a callback used once is refused on every
 * instance), exchanges the code with the client secret and the verifier (openid-client checks state,
 * issuer, ID token and nonce), verifies the access token as the gateway will, and stores the session.
 * Every failure is a SignInFailedError with its reason and nothing more.
 */
@Injectable()
export class SignInFlow {
  private readonly logger = new Logger(SignInFlow.name);
  readonly returnTo: ReturnToPolicy;

  constructor(
    private readonly oidc: OidcClient,
    private readonly codec: SessionCodec,
    private readonly verifier: TokenVerifier,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(WEB_SESSION_OPTIONS) private readonly options: WebSessionOptions,
  ) {
    this.returnTo = new ReturnToPolicy(options.appOrigins);
  }

  /** @param requestOrigin web-bff's origin as the browser reached it, for the default redirect URI */
  async begin(returnTo: unknown, requestOrigin: string): Promise<StartedSignIn> {
    const codeVerifier = randomPKCECodeVerifier();
    const login: LoginState = {
      state: randomState(),
      nonce: randomNonce(),
      codeVerifier,
      returnTo: this.returnTo.resolve(returnTo),
      redirectUri: this.options.oidc.redirectUri ?? `${requestOrigin}/api/auth/callback`,
    };
    try {
      const url = await this.oidc.authorizationUrl({ ...login, codeChallenge: await calculatePKCECodeChallenge(codeVerifier) });
      return { authorizationUrl: url.href, loginCookie: this.codec.seal(LOGIN_PURPOSE, login, Date.now() / 1000 + LOGIN_STATE_TTL_S) };
    } catch (error) {
      throw this.failed(error, login.returnTo);
    }
  }

  /** @param query the callback's query string, as the provider sent it */
  async complete(query: URLSearchParams, loginCookie: string | undefined): Promise<CompletedSignIn> {
    const opened = loginCookie ? loginStateSchema.safeParse(this.codec.open(LOGIN_PURPOSE, loginCookie)) : undefined;
    if (!opened?.success) throw new SignInFailedError('login_expired');
    const login = opened.data;
    const fail = (reason: SignInFailureReason, detail?: string) => new SignInFailedError(reason, detail, login.returnTo);
    const state = query.get('state');
    if (state === null || !sameText(state, login.state)) throw fail('state_mismatch');
    const error = query.get('error');
    if (error !== null) throw fail(error === 'access_denied' ? 'access_denied' : 'provider_error', error);

    let tokens: ProviderTokens;
    let user: AuthenticatedUser;
    try {
      const stateKey = createHash('sha256').update(login.state).digest('base64url');
      if (!(await this.store.claimOnce(`state:${stateKey}`, LOGIN_STATE_TTL_S))) throw fail('replayed');
      const callbackUrl = new URL(login.redirectUri);
      callbackUrl.search = query.toString();
      tokens = await this.oidc.exchangeCode(callbackUrl, login);
      // Checked like any token at this gateway, so a session never holds one the gateway would refuse.
      user = await this.verifier.verify(tokens.accessToken).catch((cause: unknown) => {
        throw fail('invalid_response', `access token refused: ${cause instanceof Error ? cause.message : String(cause)}`);
      });
      if (!tokens.identity || tokens.identity.sub !== user.sub) throw fail('invalid_response', 'the ID token and the access token name different users');
    } catch (cause) {
      throw this.failed(cause, login.returnTo);
    }

    const session = this.sessionOf(tokens, user, tokens.identity);
    const sessionId = newSessionId();
    try {
      await this.store.create(sessionKeyOf(sessionId) as string, session);
    } catch (cause) {
      throw this.failed(cause, login.returnTo);
    }
    this.logger.log(`session started for ${user.sub}${session.sid ? ` (provider session ${session.sid})` : ''}`);
    return { sessionId, session, returnTo: login.returnTo };
  }

  private sessionOf(tokens: ProviderTokens, user: AuthenticatedUser, identity: { sub: string; sid?: string; email?: string }): StoredSession {
    const now = Date.now() / 1000;
    // expires_in where the provider says, else the token's own exp (never past it).
    const accessExpiresAt = Math.min(user.expiresAt, now + (tokens.expiresIn ?? Number.POSITIVE_INFINITY));
    const longest = now + (this.options.sessionTtlSeconds ?? 1_209_600);
    const expiresAt = tokens.refreshToken ? Math.min(longest, now + (tokens.refreshExpiresIn ?? Number.POSITIVE_INFINITY)) : Math.min(longest, accessExpiresAt);
    return {
      sub: identity.sub,
      ...(identity.sid ? { sid: identity.sid } : {}),
      ...(identity.email ?? user.email ? { email: identity.email ?? user.email } : {}),
      accessToken: tokens.accessToken,
      accessExpiresAt,
      accessLifetime: Math.max(1, accessExpiresAt - now),
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
      ...(tokens.idToken ? { idToken: tokens.idToken } : {}),
      csrfToken: this.codec.createCsrfToken(),
      expiresAt,
      version: 0,
    };
  }

  /** Any failure of a sign-in as its reason, logged with its detail (the browser gets the reason only). */
  private failed(error: unknown, returnTo: string): SignInFailedError {
    const failure =
      error instanceof SignInFailedError
        ? error
        : error instanceof GrantRefusedError
          ? new SignInFailedError('code_rejected', error.error, returnTo)
          : error instanceof InvalidProviderResponseError
            ? new SignInFailedError(error.claim === 'nonce' ? 'nonce_mismatch' : 'invalid_response', error.message, returnTo)
            : error instanceof DownstreamError
              ? new SignInFailedError('provider_unavailable', error.message, returnTo)
              : error instanceof SessionStoreUnavailableError
                ? new SignInFailedError('session_unavailable', error.message, returnTo)
                : undefined;
    if (!failure) {
      this.logger.error(`sign-in failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return new SignInFailedError('provider_error', undefined, returnTo);
    }
    this.logger.warn(failure.message);
    return failure;
  }
}
