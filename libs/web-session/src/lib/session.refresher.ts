import { DownstreamTimeoutError } from '@bff/service-clients';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { OidcClient, type ProviderTokens } from './oidc.client';
import { SESSION_STORE, type SessionStore } from './session.store';
import { refreshLeadSeconds, type StoredSession } from './stored-session';
import { GrantRefusedError } from './web-session.errors';
import { WEB_SESSION_OPTIONS, type WebSessionOptions } from './web-session.options';

/** How often an instance that waits for another one's refresh looks at the session again. */
const POLL_MS = 50;

/**
 * Refreshes a session's access token before it expires, once per session however many requests find it
 * due: within one instance they share one promise; across instances the first to take the session's
 * short Redis lock refreshes, and the others go on with the current token while it is still valid, or
 * wait for the new one (the lock lives the provider's timeout plus a second, so a crashed holder does
 * not block the session for longer). One refresh token is never used twice at once, which matters: the
 * provider treats a reused refresh token as theft and revokes the whole sign-in.
 */
@Injectable()
export class SessionRefresher {
  private readonly logger = new Logger(SessionRefresher.name);
  private readonly inFlight = new Map<string, Promise<StoredSession | undefined>>();

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly oidc: OidcClient,
    @Inject(WEB_SESSION_OPTIONS) private readonly options: WebSessionOptions,
  ) {}

  /** Whether the session's access token expires soon enough to be refreshed now. */
  isDue(session: StoredSession, now = Date.now()): boolean {
    return session.refreshToken !== undefined && session.accessExpiresAt - refreshLeadSeconds(session) <= now / 1000;
  }

  /**
   * The session with a fresh access token; undefined when it has ended (the provider refused the refresh
   * token, or it was logged out meanwhile).
   * @throws DownstreamUnavailableError / DownstreamTimeoutError (provider) or SessionStoreUnavailableError,
   * but only once the current access token has expired: until then a failed refresh leaves it in use
   */
  refresh(key: string, session: StoredSession): Promise<StoredSession | undefined> {
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.refreshOnce(key, session).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async refreshOnce(key: string, session: StoredSession): Promise<StoredSession | undefined> {
    const lockMs = this.options.oidc.timeoutMs + 1_000;
    let owner: string | undefined;
    try {
      owner = await this.store.lock(key, lockMs);
    } catch (error) {
      return this.keepUntilExpired(session, error);
    }
    if (!owner) return this.awaitOtherRefresh(key, session, lockMs);
    try {
      // Another instance may have refreshed between this one's read and its lock.
      const current = await this.store.get(key);
      if (!current) return undefined;
      if (current.version !== session.version || !this.isDue(current)) return current;
      return await this.exchange(key, current);
    } catch (error) {
      return this.keepUntilExpired(session, error);
    } finally {
      await this.store.unlock(key, owner).catch(() => undefined);
    }
  }

  private async exchange(key: string, session: StoredSession): Promise<StoredSession | undefined> {
    let tokens: ProviderTokens;
    try {
      tokens = await this.oidc.refresh(session.refreshToken ?? '');
    } catch (error) {
      if (!(error instanceof GrantRefusedError)) throw error;
      // Spent, revoked or expired at the provider: the session is over, for every instance.
      this.logger.log(`session of ${session.sub} ended: the provider refused its refresh token (${error.error})`);
      await this.store.delete(key);
      return undefined;
    }
    const now = Date.now() / 1000;
    const lifetime = tokens.expiresIn ?? session.accessLifetime;
    const refreshed: StoredSession = {
      ...session,
      accessToken: tokens.accessToken,
      accessExpiresAt: now + lifetime,
      accessLifetime: lifetime,
      refreshToken: tokens.refreshToken ?? session.refreshToken,
      idToken: tokens.idToken ?? session.idToken,
      expiresAt: tokens.refreshExpiresIn ? Math.min(session.expiresAt, now + tokens.refreshExpiresIn) : session.expiresAt,
      version: session.version + 1,
    };
    return (await this.store.replace(key, refreshed)) ? refreshed : undefined;
  }

  /** Another instance holds the lock: go on with the current token while it lasts, else wait for theirs. */
  private async awaitOtherRefresh(key: string, session: StoredSession, lockMs: number): Promise<StoredSession | undefined> {
    if (session.accessExpiresAt > Date.now() / 1000) return session;
    const giveUpAt = Date.now() + lockMs;
    while (Date.now() < giveUpAt) {
      await sleep(POLL_MS);
      const current = await this.store.get(key);
      if (!current || current.version !== session.version) return current;
    }
    throw new DownstreamTimeoutError('identity', lockMs);
  }

  private keepUntilExpired(session: StoredSession, error: unknown): StoredSession {
    if (session.accessExpiresAt > Date.now() / 1000) {
      this.logger.warn(`refresh failed, the current access token is used while it lasts: ${error instanceof Error ? error.message : String(error)}`);
      return session;
    }
    throw error;
  }
}
