import { DownstreamUnavailableError } from '@bff/service-clients';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemorySessionStore } from './memory-session.store';
import type { OidcClient, ProviderTokens } from './oidc.client';
import { SessionRefresher } from './session.refresher';
import type { StoredSession } from './stored-session';
import { GrantRefusedError } from './web-session.errors';
import type { WebSessionOptions } from './web-session.options';

/**
 * The provider's token endpoint as the refresher sees it, with rotation and reuse detection as
 * identity-service has them: each refresh token works once; a spent one revokes the whole family.
 */
class FakeTokenEndpoint {
  calls = 0;
  delayMs = 100;
  down = false;
  private current = 'refresh-0';
  private revoked = false;

  async refresh(refreshToken: string): Promise<ProviderTokens> {
    this.calls++;
    await sleep(this.delayMs);
    if (this.down) throw new DownstreamUnavailableError('identity');
    if (this.revoked || refreshToken !== this.current) {
      this.revoked = true;
      throw new GrantRefusedError('invalid_grant');
    }
    this.current = `refresh-${this.calls}`;
    return { accessToken: `access-${this.calls}`, expiresIn: 30, refreshToken: this.current };
  }

  revokeAll(): void {
    this.revoked = true;
  }
}

const options = { oidc: { timeoutMs: 1_000 } } as WebSessionOptions;
const dueSession = (overrides: Partial<StoredSession> = {}): StoredSession => ({
  sub: 'u42',
  accessToken: 'access-0',
  // Expires in 2 s, a third of its 6 s lifetime: due.
  accessExpiresAt: Date.now() / 1000 + 2,
  accessLifetime: 6,
  refreshToken: 'refresh-0',
  csrfToken: 'csrf',
  expiresAt: Date.now() / 1000 + 3600,
  version: 0,
  ...overrides,
});

describe('SessionRefresher', () => {
  let store: MemorySessionStore;
  let provider: FakeTokenEndpoint;
  const refresher = () => new SessionRefresher(store, provider as unknown as OidcClient, options);

  beforeEach(async () => {
    store = new MemorySessionStore();
    provider = new FakeTokenEndpoint();
    await store.create('k', dueSession());
  });

  it('refreshes a token in its last third (at most a minute before it expires), and not before', () => {
    expect(refresher().isDue(dueSession())).toBe(true);
    expect(refresher().isDue(dueSession({ accessExpiresAt: Date.now() / 1000 + 5 }))).toBe(false);
    expect(refresher().isDue(dueSession({ accessLifetime: 900, accessExpiresAt: Date.now() / 1000 + 59 }))).toBe(true);
    expect(refresher().isDue(dueSession({ accessLifetime: 900, accessExpiresAt: Date.now() / 1000 + 120 }))).toBe(false);
    expect(refresher().isDue(dueSession({ refreshToken: undefined }))).toBe(false);
  });

  it('refreshes once for many requests of one session at once, and every one gets the new token', async () => {
    const instance = refresher();
    const results = await Promise.all(Array.from({ length: 10 }, () => instance.refresh('k', dueSession())));

    expect(provider.calls).toBe(1);
    expect(results.map((session) => session?.accessToken)).toEqual(Array(10).fill('access-1'));
    expect((await store.get('k'))?.refreshToken).toBe('refresh-1');
  });

  it('refreshes once across two instances sharing the store: the other one keeps the still-valid token meanwhile', async () => {
    const [first, second] = await Promise.all([refresher().refresh('k', dueSession()), refresher().refresh('k', dueSession())]);

    expect(provider.calls).toBe(1);
    expect([first?.accessToken, second?.accessToken].sort()).toEqual(['access-0', 'access-1']);
    // The provider saw no spent refresh token, so it revoked nothing: the next refresh works.
    const dueAgain = { ...((await store.get('k')) as StoredSession), accessExpiresAt: Date.now() / 1000 + 1 };
    await store.replace('k', dueAgain);
    expect((await refresher().refresh('k', dueAgain))?.accessToken).toBe('access-2');
  });

  it('makes an instance whose token has already expired wait for the other instance’s refresh rather than refresh again', async () => {
    const expired = dueSession({ accessExpiresAt: Date.now() / 1000 - 1 });
    await store.replace('k', expired);
    const [first, second] = await Promise.all([refresher().refresh('k', expired), refresher().refresh('k', expired)]);

    expect(provider.calls).toBe(1);
    expect([first?.accessToken, second?.accessToken]).toEqual(['access-1', 'access-1']);
  });

  it('ends the session when the provider refuses the refresh token (revoked, spent or expired)', async () => {
    provider.revokeAll();
    expect(await refresher().refresh('k', dueSession())).toBeUndefined();
    expect(await store.get('k')).toBeUndefined();
  });

  it('does not bring back a session logged out while its refresh was under way', async () => {
    const refreshing = refresher().refresh('k', dueSession());
    await sleep(20);
    await store.delete('k');
    expect(await refreshing).toBeUndefined();
    expect(await store.get('k')).toBeUndefined();
  });

  it('keeps the current token while it lasts if the provider is down, and says so once it has expired', async () => {
    provider.down = true;
    expect((await refresher().refresh('k', dueSession()))?.accessToken).toBe('access-0');
    expect((await store.get('k'))?.accessToken).toBe('access-0');

    const expired = dueSession({ accessExpiresAt: Date.now() / 1000 - 1 });
    await expect(refresher().refresh('k', expired)).rejects.toBeInstanceOf(DownstreamUnavailableError);
  });
});
