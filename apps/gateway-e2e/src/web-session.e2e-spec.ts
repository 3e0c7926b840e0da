import { launchApp, type RunningApp } from '@bff/app-process/launcher';
import { DEVELOPMENT_WEB_BFF_CLIENT_SECRET } from '@bff/config';
import Redis from 'ioredis';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackchannelRelay } from './support/backchannel.relay';
import { call, expectApiError } from './support/http.client';
import { type Discovery, discover, refresh, revoke, webBffClient } from './support/oidc.flow';
import { deleteKeysWithPrefix, describeWithRedis, freePort, SHARED_REDIS_URL } from './support/redis.server';
import { TestIssuer } from './support/test-issuer';
import { LOGIN_COOKIE, SESSION_COOKIE, type SignedIn, U42, WebBrowser } from './support/web.browser';
import { launchWebSignInSystem, WEB_APP_ORIGIN, type WebSignInSystem } from './support/web-sign-in.system';

/** identity-service's access tokens live this long here, and web-bff allows no clock skew: a token not refreshed fails within seconds. */
const TOKEN_TTL_S = 4;

// web-bff as an OpenID Connect confidential client (issue 14): the browser's part is played over HTTP
// by a cookie jar that reads redirects one at a time; identity-service is the real provider; two web-bff
// instances share one Redis, as behind a load balancer.
describeWithRedis('web-bff’s sign-in through the OpenID Provider, and its sessions', () => {
  const prefix = `e2e:web-session:${randomUUID()}:`;
  const relay = new BackchannelRelay();
  let system: WebSignInSystem;
  let discovery: Discovery;
  /** The two instances; the provider's back-channel logout goes (through the relay) to the first. */
  let a: string;
  let b: string;

  beforeAll(async () => {
    const relayUri = await relay.start();
    system = await launchWebSignInSystem({
      instances: 2,
      redis: { url: SHARED_REDIS_URL, keyPrefix: prefix },
      identityEnv: { TOKEN_TTL_S: String(TOKEN_TTL_S) },
      webBffEnv: { JWT_CLOCK_TOLERANCE_S: '0' },
      backchannelLogoutUri: () => relayUri,
    });
    [a, b] = system.webBffs.map((instance) => instance.url) as [string, string];
    relay.relayTo(`${a}/api/auth/backchannel-logout`);
    discovery = await discover(system.identity.url);
  }, 90_000);
  afterAll(async () => {
    await system?.stop();
    await relay.stop();
    await deleteKeysWithPrefix(SHARED_REDIS_URL, prefix);
  });

  /** The session as web-bff stored it, read from Redis as an operator could (the tests need its refresh token). */
  async function storedSession(signedIn: SignedIn): Promise<{ refreshToken: string; sid: string; version: number } | undefined> {
    const id = signedIn.cookie.slice(`${SESSION_COOKIE}=`.length);
    const redis = new Redis(SHARED_REDIS_URL);
    try {
      const raw = await redis.get(`${prefix}session:s:${createHash('sha256').update(id).digest('base64url')}`);
      return raw === null ? undefined : (JSON.parse(raw) as { refreshToken: string; sid: string; version: number });
    } finally {
      redis.disconnect();
    }
  }

  const session = (bff: string, cookie: string) => call<{ user: { id: string; email: string | null }; csrfToken: string; expiresAt: string }>(`${bff}/api/auth/session`, { headers: { cookie } });

  describe('signing in', () => {
    it('sends the browser to the provider with state, nonce and an S256 challenge, in a sealed, Lax, short-lived login cookie', async () => {
      const browser = new WebBrowser();
      const start = await browser.startSignIn(a, `${WEB_APP_ORIGIN}/#/profile`);

      expect(start.status).toBe(302);
      expect(start.headers.get('cache-control')).toBe('no-store');
      const authorize = start.location as URL;
      expect(`${authorize.origin}${authorize.pathname}`).toBe(discovery.authorization_endpoint);
      expect(Object.fromEntries(authorize.searchParams)).toEqual({
        response_type: 'code',
        client_id: 'web-bff',
        redirect_uri: `${a}/api/auth/callback`,
        scope: 'openid email profile profile:read profile:write orders:read orders:write',
        state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        code_challenge_method: 'S256',
      });
      const [loginCookie] = start.headers.getSetCookie();
      expect(loginCookie).toMatch(new RegExp(`^${LOGIN_COOKIE}=[A-Za-z0-9_-]+; Max-Age=600; Path=/; HttpOnly; Secure; SameSite=Lax$`));
      // Sealed: neither the state, the nonce nor anything else of the sign-in shows.
      const sealed = Buffer.from(browser.cookie(a, LOGIN_COOKIE) ?? '', 'base64url').toString('latin1');
      expect(sealed).not.toContain(authorize.searchParams.get('state'));
      expect(sealed).not.toContain('profile');
    });

    it('comes back from the provider’s page signed in: a Strict, HttpOnly __Host- session cookie, the login cookie gone, the browser at returnTo, no token anywhere', async () => {
      const browser = new WebBrowser();
      const start = await browser.startSignIn(a, `${WEB_APP_ORIGIN}/#/orders/o42-1`);
      const callback = await browser.callback(await browser.atProvider(start.location as URL, a));

      expect(callback.status).toBe(302);
      expect(callback.location?.href).toBe(`${WEB_APP_ORIGIN}/#/orders/o42-1`);
      const cookies = callback.headers.getSetCookie();
      expect(cookies).toContainEqual(expect.stringMatching(new RegExp(`^${LOGIN_COOKIE}=; Max-Age=0; Path=/;`)));
      const sessionCookie = cookies.find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
      expect(sessionCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Max-Age=\\d+; Path=/; HttpOnly; Secure; SameSite=Strict$`));
      expect(sessionCookie).not.toMatch(/Domain=/i);
      expect(`${callback.location?.href} ${cookies.join(' ')} ${callback.text}`).not.toMatch(/eyJ/);

      const view = await browser.api<{ user: unknown; csrfToken: string; expiresAt: string }>(a, '/api/auth/session');
      expect(view.status).toBe(200);
      expect(view.body.user).toEqual({ id: 'u42', email: U42.email, roles: ['customer'] });
      expect(view.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      // The session lives as long as its refresh token may (SESSION_TTL_S), far beyond the 4 s access token.
      expect(Date.parse(view.body.expiresAt) - Date.now()).toBeGreaterThan(24 * 3600_000);
      expect(view.text).not.toMatch(/eyJ/);
      expect(view.headers.get('cache-control')).toBe('no-store');
    });

    it('serves the API from the cookie alone, on every instance sharing the Redis', async () => {
      const signedIn = await new WebBrowser().signIn(a);
      expect((await call(`${a}/api/profile`, { headers: { cookie: signedIn.cookie } })).status).toBe(200);
      expect((await call(`${b}/api/profile`, { headers: { cookie: signedIn.cookie } })).status).toBe(200);
    });

    it('sends a returnTo on another origin to the web app’s root instead', async () => {
      for (const returnTo of ['https://evil.example.com/#/profile', `${a}/api/auth/session`, 'javascript:alert(1)']) {
        const signedIn = await new WebBrowser().signIn(a, returnTo);
        expect(signedIn.landedAt.href).toBe(`${WEB_APP_ORIGIN}/`);
      }
    });

    it('refuses a callback whose state is not the sign-in’s: back to the app with the reason, no session', async () => {
      const browser = new WebBrowser();
      const start = await browser.startSignIn(a, `${WEB_APP_ORIGIN}/#/profile`);
      const callbackUrl = await browser.atProvider(start.location as URL, a);
      callbackUrl.searchParams.set('state', 'an-attacker-s-state');

      const answer = await browser.callback(callbackUrl);
      expect({ status: answer.status, location: answer.location?.href }).toEqual({ status: 302, location: `${WEB_APP_ORIGIN}/?signInError=state_mismatch#/profile` });
      expect(browser.cookie(a, SESSION_COOKIE)).toBeUndefined();
      expect(answer.text).toBe('');
    });

    it('refuses an ID token whose nonce is not the sign-in’s (the authorization request was altered)', async () => {
      const browser = new WebBrowser();
      const authorize = (await browser.startSignIn(a)).location as URL;
      authorize.searchParams.set('nonce', 'a-nonce-the-attacker-chose');

      const answer = await browser.callback(await browser.atProvider(authorize, a));
      expect(answer.location?.href).toBe(`${WEB_APP_ORIGIN}/?signInError=nonce_mismatch`);
      expect(browser.cookie(a, SESSION_COOKIE)).toBeUndefined();
    });

    it('refuses a code issued for another PKCE challenge: the provider will not exchange it for web-bff’s verifier', async () => {
      const browser = new WebBrowser();
      const authorize = (await browser.startSignIn(a)).location as URL;
      authorize.searchParams.set('code_challenge', createHash('sha256').update('the attacker’s verifier').digest('base64url'));

      const answer = await browser.callback(await browser.atProvider(authorize, a));
      expect(answer.location?.href).toBe(`${WEB_APP_ORIGIN}/?signInError=code_rejected`);
      expect(browser.cookie(a, SESSION_COOKIE)).toBeUndefined();
    });

    it('refuses a callback used a second time, with the login cookie copied, on either instance', async () => {
      const browser = new WebBrowser();
      const start = await browser.startSignIn(a);
      const copiedLoginCookie = `${LOGIN_COOKIE}=${browser.cookie(a, LOGIN_COOKIE) ?? ''}`;
      const callbackUrl = await browser.atProvider(start.location as URL, a);
      expect((await browser.callback(callbackUrl)).location?.href).toBe(`${WEB_APP_ORIGIN}/`);

      for (const instance of [a, b]) {
        const replay = await fetch(`${instance}${callbackUrl.pathname}${callbackUrl.search}`, { redirect: 'manual', headers: { cookie: copiedLoginCookie } });
        expect({ status: replay.status, location: replay.headers.get('location') }).toEqual({ status: 302, location: `${WEB_APP_ORIGIN}/?signInError=replayed` });
        expect(replay.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
      }
    });

    it('lands a sign-in the user cancelled, or one that went stale, on the app with its reason', async () => {
      const browser = new WebBrowser();
      const start = await browser.startSignIn(a, `${WEB_APP_ORIGIN}/#/profile`);
      const cancelled = await browser.callback(await browser.cancelAtProvider(start.location as URL, a));
      expect(cancelled.location?.href).toBe(`${WEB_APP_ORIGIN}/?signInError=access_denied#/profile`);

      // A callback with no sign-in under way in this browser (no login cookie).
      const stale = await new WebBrowser().callback(new URL(`${a}/api/auth/callback?code=x&state=y`));
      expect(stale.location?.href).toBe(`${WEB_APP_ORIGIN}/?signInError=login_expired`);
    });
  });

  describe('while signed in', () => {
    it('keeps working for several access-token lifetimes: web-bff refreshes the token before it expires, the browser never signs in again', async () => {
      const signedIn = await new WebBrowser().signIn(a);
      const statuses: number[] = [];
      const until = Date.now() + 3 * TOKEN_TTL_S * 1000;
      while (Date.now() < until) {
        statuses.push((await call(`${a}/api/profile`, { headers: { cookie: signedIn.cookie } })).status);
        await sleep(700);
      }
      expect(statuses.length).toBeGreaterThan(6);
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect((await storedSession(signedIn))?.version).toBeGreaterThanOrEqual(2);
    });

    it('refreshes once for a burst of requests of one session on both instances: the provider sees no reused refresh token', async () => {
      const signedIn = await new WebBrowser().signIn(a);
      // Into the last third of the token's life, where every request finds it due.
      await sleep((TOKEN_TTL_S * 2_000) / 3 + 300);
      const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => session(i % 2 === 0 ? a : b, signedIn.cookie)));
      expect(burst.map((answer) => answer.status)).toEqual(Array(12).fill(200));
      expect((await storedSession(signedIn))?.version).toBe(1);

      // Had one refresh token been used twice, the provider would have revoked the whole sign-in.
      await sleep(TOKEN_TTL_S * 1000);
      expect((await session(b, signedIn.cookie)).status).toBe(200);
      expect((await storedSession(signedIn))?.version).toBe(2);
    });

    it('ends the session with 401, cookie cleared, once its refresh token stops working at the provider', async () => {
      const signedIn = await new WebBrowser().signIn(a);
      const stored = await storedSession(signedIn);
      expect((await revoke(discovery, webBffClient(`${a}/api/auth/callback`, DEVELOPMENT_WEB_BFF_CLIENT_SECRET), stored?.refreshToken ?? '')).status).toBe(200);

      await sleep(TOKEN_TTL_S * 1000);
      const ended = await session(b, signedIn.cookie);
      expectApiError(ended, 401, 'Invalid or expired token');
      expect(ended.headers.getSetCookie()).toContainEqual(expect.stringMatching(new RegExp(`^${SESSION_COOKIE}=; Max-Age=0; Path=/;`)));
      expectApiError(await session(a, signedIn.cookie), 401);
    });

    it('needs the session’s CSRF token for a change made with the cookie, as a cross-site request would lack it', async () => {
      const signedIn = await new WebBrowser().signIn(a);
      expectApiError(await call(`${a}/api/auth/logout`, { method: 'POST', headers: { cookie: signedIn.cookie } }), 403, 'Missing or invalid CSRF token');
      expectApiError(await call(`${b}/api/auth/logout`, { method: 'POST', headers: { cookie: signedIn.cookie, 'x-csrf-token': 'guessed' } }), 403);
      expect((await session(a, signedIn.cookie)).status).toBe(200);
    });

    it('answers a form post anywhere but the back-channel logout route with 415', async () => {
      const signedIn = await new WebBrowser().signIn(a);
      const form = await fetch(`${a}/api/profile`, {
        method: 'PATCH',
        headers: { cookie: signedIn.cookie, 'x-csrf-token': signedIn.csrfToken, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Mallory',
      });
      expect(form.status).toBe(415);
    });
  });

  describe('signing out', () => {
    it('ends the session on every instance at once, revokes its refresh token at the provider, and hands the browser the end-session URL', async () => {
      const signedIn = await new WebBrowser().signIn(a);
      const { refreshToken } = (await storedSession(signedIn)) ?? { refreshToken: '' };

      const logout = await call<{ endSessionUrl: string }>(`${a}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie: signedIn.cookie, 'x-csrf-token': signedIn.csrfToken, origin: WEB_APP_ORIGIN },
      });
      expect(logout.status).toBe(200);
      expect(logout.headers.getSetCookie()).toContainEqual(expect.stringMatching(new RegExp(`^${SESSION_COOKIE}=; Max-Age=0; Path=/;`)));
      const endSession = new URL(logout.body.endSessionUrl);
      expect(`${endSession.origin}${endSession.pathname}`).toBe(discovery.end_session_endpoint);
      expect(Object.fromEntries(endSession.searchParams)).toEqual({ id_token_hint: expect.stringMatching(/^eyJ/), post_logout_redirect_uri: `${WEB_APP_ORIGIN}/`, client_id: 'web-bff' });

      // The cookie as it was copied before the logout opens nothing, on either instance.
      expectApiError(await session(a, signedIn.cookie), 401);
      expectApiError(await session(b, signedIn.cookie), 401);
      expectApiError(await call(`${b}/api/profile`, { headers: { cookie: signedIn.cookie } }), 401);
      // And at the provider the refresh token is dead.
      expect((await refresh(discovery, webBffClient(`${a}/api/auth/callback`), refreshToken)).body.error).toBe('invalid_grant');
    });

    it('ends every session of a provider session when the provider says so over the back channel, on the other instance too, within a second', async () => {
      const browser = new WebBrowser();
      const signedIn = await browser.signIn(b);
      expect((await session(b, signedIn.cookie)).status).toBe(200);
      const relayedBefore = relay.relayed.length;

      // The user signs out at the provider itself (say, from another app): no id_token_hint, so they confirm.
      const page = await browser.agent.get(discovery.end_session_endpoint);
      const action = /<form id="op\.logoutForm" method="post" action="([^"]+)"/.exec(page.text)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.text)?.[1];
      if (!action || !xsrf) throw new Error(`no logout form on ${page.url.href}`);
      await browser.agent.postForm(new URL(action, page.url), { xsrf, logout: 'yes' });

      const [delivered] = (await relay.waitFor(relayedBefore + 1)).slice(relayedBefore);
      expect(delivered?.status).toBe(200);
      const endedAt = Date.now();
      let answer = await session(b, signedIn.cookie);
      while (answer.status === 200 && Date.now() - endedAt < 1_000) answer = await session(b, signedIn.cookie);
      expectApiError(answer, 401);
      expect(Date.now() - endedAt).toBeLessThan(1_000);
    });

    it('refuses a logout token sent again (its jti), on either instance, and one that is not the provider’s', async () => {
      const browser = new WebBrowser();
      await browser.signIn(a);
      const before = relay.relayed.length;
      const page = await browser.agent.get(discovery.end_session_endpoint);
      const action = /<form id="op\.logoutForm" method="post" action="([^"]+)"/.exec(page.text)?.[1] ?? '';
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      await browser.agent.postForm(new URL(action, page.url), { xsrf, logout: 'yes' });
      const [delivered] = (await relay.waitFor(before + 1)).slice(before);
      const post = (instance: string, body: string) =>
        fetch(`${instance}/api/auth/backchannel-logout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

      for (const instance of [a, b]) {
        const replay = await post(instance, new URLSearchParams({ logout_token: delivered?.logoutToken ?? '' }).toString());
        expect(replay.status).toBe(400);
        expect(await replay.json()).toEqual(expect.objectContaining({ statusCode: 400, message: 'The logout token is not valid' }));
      }
      const forged = new TestIssuer().token('u42', 'web-bff', { events: { 'http://schemas.openid.net/event/backchannel-logout': {} }, sid: 'x' });
      expect((await post(a, new URLSearchParams({ logout_token: forged }).toString())).status).toBe(400);
      expect((await post(a, 'logout_token=')).status).toBe(400);
    });
  });
});

// Without Redis, one instance keeps its sessions in memory; a provider that cannot be reached sends the
// browser back with a reason; and no signed claim makes GET /api/auth/session a 500.
describe('web-bff’s sign-in without Redis, and with the provider down', () => {
  let system: WebSignInSystem;
  let unreachable: RunningApp;
  const issuer = new TestIssuer();

  beforeAll(async () => {
    await issuer.start();
    system = await launchWebSignInSystem();
    const closed = await freePort();
    unreachable = await launchApp('web-bff', {
      env: { NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', JWKS_URI: issuer.jwksUri, JWT_ISSUER: issuer.issuer, OIDC_ISSUER: `http://127.0.0.1:${closed}`, CORS_ORIGINS: WEB_APP_ORIGIN, OIDC_TIMEOUT_MS: '500' },
    });
  }, 90_000);
  afterAll(async () => {
    await Promise.all([system?.stop(), unreachable?.stop()]);
    await issuer.stop();
  });

  it('signs in and out with sessions in the instance’s memory', async () => {
    const [bff] = system.webBffs;
    const signedIn = await new WebBrowser().signIn(bff?.url ?? '');
    expect((await call(`${bff?.url}/api/profile`, { headers: { cookie: signedIn.cookie } })).status).toBe(200);
    const logout = await call(`${bff?.url}/api/auth/logout`, { method: 'POST', headers: { cookie: signedIn.cookie, 'x-csrf-token': signedIn.csrfToken } });
    expect(logout.status).toBe(200);
    expectApiError(await call(`${bff?.url}/api/auth/session`, { headers: { cookie: signedIn.cookie } }), 401);
  });

  it('sends the browser back to the app with provider_unavailable, fast, when the provider cannot be reached', async () => {
    const started = Date.now();
    const answer = await new WebBrowser().startSignIn(unreachable.url, `${WEB_APP_ORIGIN}/#/profile`);
    expect({ status: answer.status, location: answer.location?.href }).toEqual({ status: 302, location: `${WEB_APP_ORIGIN}/?signInError=provider_unavailable#/profile` });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('answers GET /api/auth/session for a token that claims to expire in the year 3e12 (exp: 1e20) without a 500', async () => {
    const answer = await call<{ expiresAt: string }>(`${unreachable.url}/api/auth/session`, { token: issuer.token('u42', 'web', { exp: 1e20 }) });
    expect([200, 401]).toContain(answer.status);
    if (answer.status === 200) expect(answer.body.expiresAt).toBe('+275760-09-13T00:00:00.000Z');
    else expectApiError(answer, 401);
  });
});
