import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { API_SCOPES, OIDC_RESOURCES } from '@bff/config';
import { HeadlessUserAgent } from '@bff/headless-sign-in';
import { decode } from 'jsonwebtoken';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackchannelReceiver } from './support/backchannel.receiver';
import { call, expectApiError } from './support/http.client';
import {
  authorizationUrl,
  authorize,
  codeFlow,
  DEV_CLI,
  type Discovery,
  discover,
  exchangeCode,
  introspect,
  MOBILE_APP,
  refresh,
  revoke,
  type TestClient,
  U42,
  verifyJwt,
  webBffClient,
} from './support/oidc.flow';

const ISSUER = 'https://id.e2e.example';
const CLIENT_SECRET = 'e2e-web-bff-client-secret-0123456789';
const ADMIN_SECRET = 'e2e-admin-secret-0123456789';
/** Never listened on: the flow reads the redirect, it does not follow it. */
const WEB_CALLBACK = 'http://127.0.0.1:9/api/auth/callback';
const WEB_AFTER_LOGOUT = 'http://127.0.0.1:9/signed-out';

const codeOf = (callback: URL) => callback.searchParams.get('code') ?? '';

describe('identity-service as an OpenID Provider', () => {
  let identity: RunningApp;
  let discovery: Discovery;
  const receiver = new BackchannelReceiver();
  const web: TestClient = webBffClient(WEB_CALLBACK, CLIENT_SECRET);

  beforeAll(async () => {
    const backchannelUri = await receiver.start();
    identity = await launchApp('identity-service', {
      env: {
        PORT: '0',
        NODE_ENV: 'test',
        JWT_ISSUER: ISSUER,
        IDENTITY_ADMIN_SECRET: ADMIN_SECRET,
        WEB_BFF_CLIENT_SECRET: CLIENT_SECRET,
        WEB_BFF_REDIRECT_URIS: WEB_CALLBACK,
        WEB_BFF_POST_LOGOUT_REDIRECT_URIS: WEB_AFTER_LOGOUT,
        WEB_BFF_BACKCHANNEL_LOGOUT_URI: backchannelUri,
      },
    });
    discovery = await discover(identity.url);
  });
  afterAll(async () => {
    await identity?.stop();
    await receiver.stop();
  });

  describe('discovery and keys', () => {
    it('names the configured issuer, endpoints on the host it was reached at, and only what the contract offers', () => {
      expect(discovery).toEqual(
        expect.objectContaining({
          issuer: ISSUER,
          authorization_endpoint: `${identity.url}/oauth/authorize`,
          token_endpoint: `${identity.url}/oauth/token`,
          revocation_endpoint: `${identity.url}/oauth/revoke`,
          introspection_endpoint: `${identity.url}/oauth/introspect`,
          end_session_endpoint: `${identity.url}/oauth/logout`,
          jwks_uri: `${identity.url}/.well-known/jwks.json`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
          grant_types_supported: ['authorization_code', 'refresh_token'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'email', 'profile'],
          backchannel_logout_supported: true,
          backchannel_logout_session_supported: true,
          authorization_response_iss_parameter_supported: true,
        }),
      );
    });

    it('publishes RSA public keys only, the signing key among them', async () => {
      const jwks = await call<{ keys: Array<Record<string, string>> }>(discovery.jwks_uri);
      expect(jwks.status).toBe(200);
      expect(jwks.headers.get('cache-control')).toBe('public, max-age=60');
      for (const key of jwks.body.keys) expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      const { access_token } = (await codeFlow(discovery, web)).tokens;
      expect(jwks.body.keys.map((key) => key['kid'])).toContain(decode(access_token, { complete: true })?.header.kid);
    });
  });

  describe('the authorization code flow', () => {
    it('signs u42 in on its page and gives web-bff a web access token, an ID token and a refresh token', async () => {
      const { callback, state, nonce, tokens, answer } = await codeFlow(discovery, web);

      expect(callback.origin + callback.pathname).toBe(WEB_CALLBACK);
      expect({ state: callback.searchParams.get('state'), iss: callback.searchParams.get('iss') }).toEqual({ state, iss: ISSUER });
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.body).toEqual(expect.objectContaining({ token_type: 'Bearer', expires_in: 900, scope: API_SCOPES.join(' ') }));

      const access = await verifyJwt(discovery, tokens.access_token, 'web');
      expect(access.header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
      expect(access.claims).toEqual({
        iss: ISSUER,
        sub: 'u42',
        aud: 'web',
        client_id: 'web-bff',
        scope: 'profile:read profile:write orders:read orders:write',
        email: U42.email,
        roles: ['customer'],
        iat: expect.any(Number),
        exp: (access.claims.iat ?? 0) + 900,
        jti: expect.any(String),
      });

      const id = await verifyJwt(discovery, tokens.id_token, 'web-bff');
      expect(id.claims).toEqual(
        expect.objectContaining({
          sub: 'u42',
          aud: 'web-bff',
          nonce,
          sid: expect.any(String),
          auth_time: expect.any(Number),
          amr: ['pwd'],
          email: U42.email,
          email_verified: true,
          name: 'Linus Perlman',
        }),
      );
      expect(id.claims.exp).toBe((id.claims.iat ?? 0) + 900);
      expect(tokens.refresh_token).toEqual(expect.any(String));
    });

    it('gives the mobile app (public, PKCE only) a mobile token, and the CLI a token of the audience it names', async () => {
      const mobile = await codeFlow(discovery, MOBILE_APP, { params: { scope: 'openid profile:read' } });
      expect(mobile.callback.protocol).toBe('com.example.bff:');
      expect((await verifyJwt(discovery, mobile.tokens.access_token, 'mobile')).claims).toEqual(
        expect.objectContaining({ sub: 'u42', aud: 'mobile', client_id: 'mobile-app', scope: 'profile:read' }),
      );

      const cli = await codeFlow(discovery, DEV_CLI, { params: { resource: OIDC_RESOURCES.mobile.indicator } });
      expect((await verifyJwt(discovery, cli.tokens.access_token, 'mobile')).claims.client_id).toBe('bff-dev-cli');
    });

    it('refuses an audience the client may not have: the mobile app asking for a web token', async () => {
      const pkce = { challenge: 'x'.repeat(43), method: 'S256' };
      const refused = await new HeadlessUserAgent().get(authorizationUrl(discovery, MOBILE_APP, { resource: OIDC_RESOURCES.web.indicator, pkce }));
      expect(refused.location?.protocol).toBe('com.example.bff:');
      expect(refused.location?.searchParams.get('error')).toBe('invalid_target');
    });

    it.each([
      ['no PKCE challenge', undefined, /requires PKCE/],
      ['the plain method', { challenge: 'a'.repeat(43), method: 'plain' }, /code_challenge_method/],
    ])('sends the browser back with invalid_request for %s, before any sign-in', async (_case, pkce, description) => {
      for (const client of [web, MOBILE_APP]) {
        const answer = await new HeadlessUserAgent().get(authorizationUrl(discovery, client, { pkce, state: 's1' }));
        expect(answer.status).toBe(303);
        expect(answer.location?.origin + (answer.location?.pathname ?? '')).toBe(new URL(client.redirectUri).origin + new URL(client.redirectUri).pathname);
        expect(answer.location?.searchParams.get('error')).toBe('invalid_request');
        expect(answer.location?.searchParams.get('error_description')).toMatch(description);
        expect(answer.location?.searchParams.get('state')).toBe('s1');
      }
    });

    it('refuses to exchange a code without its verifier, or with another one', async () => {
      const missing = await authorize(discovery, web);
      expect((await exchangeCode(discovery, web, codeOf(missing.callback), undefined)).body.error).toBe('invalid_grant');
      const wrong = await authorize(discovery, web);
      expect((await exchangeCode(discovery, web, codeOf(wrong.callback), missing.pkce.verifier)).body.error).toBe('invalid_grant');
    });

    it('refuses a code used twice, and revokes what its first use gave: the refresh token stops working', async () => {
      const run = await authorize(discovery, web);
      const first = await exchangeCode(discovery, web, codeOf(run.callback), run.pkce.verifier);
      expect(first.status).toBe(200);

      const second = await exchangeCode(discovery, web, codeOf(run.callback), run.pkce.verifier);
      expect({ status: second.status, error: second.body.error }).toEqual({ status: 400, error: 'invalid_grant' });

      const afterReplay = await refresh(discovery, web, first.body.refresh_token ?? '');
      expect({ status: afterReplay.status, error: afterReplay.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
      // A JWT access token is not stored, so it cannot be recalled: it stays valid until its exp (TOKEN_TTL_S).
      expect((await verifyJwt(discovery, first.body.access_token ?? '', 'web')).claims.sub).toBe('u42');
    });

    it('refuses a confidential client without its secret', async () => {
      const run = await authorize(discovery, web);
      const answer = await exchangeCode(discovery, webBffClient(WEB_CALLBACK, 'not-the-secret-at-all-0123456789'), codeOf(run.callback), run.pkce.verifier);
      expect({ status: answer.status, error: answer.body.error }).toEqual({ status: 401, error: 'invalid_client' });
    });
  });

  describe('refresh tokens', () => {
    it('rotates the refresh token on every use, and a reused one revokes the whole family', async () => {
      const { tokens } = await codeFlow(discovery, web);

      const rotated = await refresh(discovery, web, tokens.refresh_token);
      expect(rotated.status).toBe(200);
      expect(rotated.body.refresh_token).toEqual(expect.any(String));
      expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);
      expect((await verifyJwt(discovery, rotated.body.access_token ?? '', 'web')).claims.sub).toBe('u42');

      const reused = await refresh(discovery, web, tokens.refresh_token);
      expect({ status: reused.status, error: reused.body.error }).toEqual({ status: 400, error: 'invalid_grant' });

      // The thief's replay cost the rightful holder its newer token too: the family is gone.
      const newest = await refresh(discovery, web, rotated.body.refresh_token ?? '');
      expect({ status: newest.status, error: newest.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    });

    it('is revoked at /oauth/revoke (RFC 7009): introspection then says inactive and refreshing fails', async () => {
      const { tokens } = await codeFlow(discovery, web);
      expect((await introspect(discovery, web, tokens.refresh_token)).body).toEqual(expect.objectContaining({ active: true, client_id: 'web-bff', sub: 'u42' }));

      const revoked = await revoke(discovery, web, tokens.refresh_token);
      expect(revoked.status).toBe(200);

      expect((await introspect(discovery, web, tokens.refresh_token)).body).toEqual({ active: false });
      expect((await refresh(discovery, web, tokens.refresh_token)).body.error).toBe('invalid_grant');
    });

    it('lets no other client revoke or introspect a token', async () => {
      const { tokens } = await codeFlow(discovery, web);
      const byMobile = await revoke(discovery, MOBILE_APP, tokens.refresh_token);
      expect(byMobile.status).toBe(200);
      expect((await introspect(discovery, web, tokens.refresh_token)).body.active).toBe(true);
      expect((await introspect(discovery, MOBILE_APP, tokens.refresh_token)).body.active).not.toBe(true);
    });
  });

  describe('logout', () => {
    /** The end-session page's form: where it posts, and its fields. */
    function logoutForm(html: string, pageUrl: URL): { action: URL; fields: Record<string, string> } {
      const action = /<form id="op\.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !xsrf) throw new Error(`no logout form in ${html}`);
      const fields: Record<string, string> = { xsrf };
      if (/<input type="hidden" name="logout" value="yes" form="op\.logoutForm">/.test(html)) fields['logout'] = 'yes';
      return { action: new URL(action, pageUrl), fields };
    }

    it('ends the session on RP-initiated logout, tells web-bff over the back channel with a signed logout token, and revokes its refresh token', async () => {
      const { tokens, userAgent } = await codeFlow(discovery, web);
      const { sid } = (await verifyJwt(discovery, tokens.id_token, 'web-bff')).claims as { sid?: string };
      const before = receiver.received.length;

      const endSession = new URL(discovery.end_session_endpoint);
      endSession.search = new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: WEB_AFTER_LOGOUT, state: 'bye' }).toString();
      const page = await userAgent.get(endSession);
      expect(page.status).toBe(200);
      // With this user's own ID token as the hint, the page confirms itself.
      expect(page.text).toContain("document.getElementById('op.logoutForm').submit()");
      const form = logoutForm(page.text, page.url);
      expect(form.fields['logout']).toBe('yes');
      const done = await userAgent.postForm(form.action, form.fields);
      expect({ status: done.status, location: done.location?.href }).toEqual({ status: 303, location: `${WEB_AFTER_LOGOUT}?state=bye` });

      const [request] = (await receiver.waitFor(before + 1)).slice(before);
      expect({ method: request?.method, type: request?.headers['content-type'] }).toEqual({ method: 'POST', type: 'application/x-www-form-urlencoded' });
      const logoutToken = new URLSearchParams(request?.body).get('logout_token') ?? '';
      const verified = await verifyJwt(discovery, logoutToken, 'web-bff');
      expect(verified.header).toEqual({ alg: 'RS256', typ: 'logout+jwt', kid: expect.any(String) });
      expect(verified.claims).toEqual({
        iss: ISSUER,
        aud: 'web-bff',
        sub: 'u42',
        sid,
        events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
        jti: expect.any(String),
        iat: expect.any(Number),
        exp: expect.any(Number),
      });
      expect(verified.claims).not.toHaveProperty('nonce');

      expect((await refresh(discovery, web, tokens.refresh_token)).body.error).toBe('invalid_grant');
      // Signed out at the provider: the next authorization asks for the password again.
      const next = await userAgent.get(authorizationUrl(discovery, web, { pkce: { challenge: 'b'.repeat(43), method: 'S256' } }));
      expect(next.location?.pathname).toMatch(/^\/interaction\//);
    });

    it('asks the user to confirm a logout that carries no ID token of theirs', async () => {
      const { userAgent } = await codeFlow(discovery, web);
      const page = await userAgent.get(discovery.end_session_endpoint);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Yes, sign me out');
      expect(page.text).not.toContain('<script>');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    });
  });

  describe('key rotation', () => {
    it('signs with the new key at once, keeps sessions and the old key\u2019s tokens valid', async () => {
      const before = await codeFlow(discovery, web);
      const oldKid = decode(before.tokens.access_token, { complete: true })?.header.kid;

      const rotation = await call<{ kid: string; keys: string[] }>(`${identity.url}/admin/keys/rotate`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_SECRET}` } });
      expect(rotation.status).toBe(200);
      expect(rotation.body.keys).toEqual([rotation.body.kid, oldKid]);

      // The same browser is still signed in (no sign-in page), and its new tokens carry the new kid.
      const again = await codeFlow(discovery, web, { userAgent: before.userAgent, user: { email: 'not-asked@example.com', password: 'not-asked' } });
      expect(decode(again.tokens.access_token, { complete: true })?.header.kid).toBe(rotation.body.kid);
      expect(decode(again.tokens.id_token, { complete: true })?.header.kid).toBe(rotation.body.kid);
      expect((await verifyJwt(discovery, before.tokens.access_token, 'web')).claims.sub).toBe('u42');
      expect((await refresh(discovery, web, before.tokens.refresh_token)).status).toBe(200);
    });
  });

});

describe('logout after key rotations, with short-lived tokens', () => {
  const SHORT_TTL_S = 2;
  let identity: RunningApp;
  let discovery: Discovery;
  const web = webBffClient(WEB_CALLBACK, CLIENT_SECRET);
  const rotate = () => call<{ kid: string }>(`${identity.url}/admin/keys/rotate`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_SECRET}` } });

  beforeAll(async () => {
    identity = await launchApp('identity-service', {
      env: {
        PORT: '0',
        NODE_ENV: 'test',
        TOKEN_TTL_S: String(SHORT_TTL_S),
        IDENTITY_ADMIN_SECRET: ADMIN_SECRET,
        WEB_BFF_CLIENT_SECRET: CLIENT_SECRET,
        WEB_BFF_REDIRECT_URIS: WEB_CALLBACK,
        WEB_BFF_POST_LOGOUT_REDIRECT_URIS: WEB_AFTER_LOGOUT,
        WEB_BFF_BACKCHANNEL_LOGOUT_URI: 'none',
      },
    });
    discovery = await discover(identity.url);
  });
  afterAll(() => identity?.stop());

  it('still takes an ID token as the logout hint once its key has left the JWKS, for as long as its session lives', async () => {
    const { tokens, userAgent } = await codeFlow(discovery, web);
    const signedBy = decode(tokens.id_token, { complete: true })?.header.kid;
    expect((await rotate()).status).toBe(200);
    await sleep(SHORT_TTL_S * 1000 + 500);
    expect((await rotate()).status).toBe(200);
    const kids = (await call<{ keys: Array<{ kid: string }> }>(discovery.jwks_uri)).body.keys.map((key) => key.kid);
    expect(kids).not.toContain(signedBy);

    const endSession = new URL(discovery.end_session_endpoint);
    endSession.search = new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: WEB_AFTER_LOGOUT }).toString();
    const page = await userAgent.get(endSession);
    expect(page.status).toBe(200);
    expect(page.text).toContain("document.getElementById('op.logoutForm').submit()");
  });
});

describe('a token from the code flow at the gateways', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await launchSystem({ gatewayEnv: { NODE_ENV: 'test' } });
  });
  afterAll(() => system?.stop());

  it('opens mobile-bff’s /api/profile with the mobile app’s token, and not web-bff’s', async () => {
    const discovery = await discover(system.identity.url);
    const { tokens } = await codeFlow(discovery, MOBILE_APP, { params: { scope: `openid ${API_SCOPES.join(' ')}` } });

    const profile = await call<{ user: { id: string } }>(`${system.gateway('mobile-bff').url}/api/profile`, { token: tokens.access_token });
    expect({ status: profile.status, id: profile.body.user.id }).toEqual({ status: 200, id: 'u42' });
    expectApiError(await call(`${system.gateway('web-bff').url}/api/profile`, { token: tokens.access_token }), 401);
  });

  it('opens web-bff with the CLI’s web token', async () => {
    const discovery = await discover(system.identity.url);
    const { tokens } = await codeFlow(discovery, DEV_CLI);
    const profile = await call<{ user: { id: string } }>(`${system.gateway('web-bff').url}/api/profile`, { token: tokens.access_token });
    expect({ status: profile.status, id: profile.body.user?.id }).toEqual({ status: 200, id: 'u42' });
  });
});
