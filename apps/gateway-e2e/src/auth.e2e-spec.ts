import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
import { DEVELOPMENT_IDENTITY_ADMIN_SECRET, DEVELOPMENT_USER_PASSWORD } from '@bff/config';
import { faults } from './support/fault.admin';
import { call, expectApiError } from './support/http.client';
import { TestIssuer } from './support/test-issuer';

// Tokens a real identity provider would never sign, from an issuer whose keys the test holds,
// verified by the gateways through a real JWKS endpoint.
describe('token verification (JWKS mode)', () => {
  const issuer = new TestIssuer();
  let system: RunningSystem;
  let web: RunningApp;
  let mobile: RunningApp;

  beforeAll(async () => {
    await issuer.start();
    system = await launchSystem({ gateways: [] });
    const env = { ...system.serviceUrls, NODE_ENV: 'test', PORT: '0', METRICS_PORT: '0', JWKS_URI: issuer.jwksUri, JWT_ISSUER: issuer.issuer };
    [web, mobile] = await Promise.all([launchApp('web-bff', { env }), launchApp('mobile-bff', { env })]);
  });
  afterAll(async () => {
    await Promise.all([web?.stop(), mobile?.stop(), system?.stop()]);
    await issuer.stop().catch(() => undefined);
  });

  const profile = (token: string, gateway = web) => call(`${gateway.url}/api/profile`, { token });

  it('accepts RS256 and ES256 tokens from the JWKS, for the gateway’s own audience', async () => {
    expect((await profile(issuer.token('u42', 'web'))).status).toBe(200);
    expect((await profile(issuer.token('u42', 'web', {}, issuer.ec))).status).toBe(200);
    expect((await profile(issuer.token('u42', 'mobile'), mobile)).status).toBe(200);
  });

  it('reads the scheme without regard to case (RFC 7235)', async () => {
    const result = await call(`${web.url}/api/profile`, { headers: { authorization: `bearer ${issuer.token('u42', 'web')}` } });
    expect(result.status).toBe(200);
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['expired', () => issuer.token('u42', 'web', { iat: now() - 7200, exp: now() - 3600 })],
    ['not valid yet (nbf)', () => issuer.token('u42', 'web', { nbf: now() + 3600 })],
    ['from another issuer', () => issuer.token('u42', 'web', { iss: 'https://evil.example.com' })],
    ['for the mobile app', () => issuer.token('u42', 'mobile')],
    ['badly signed', () => issuer.token('u42', 'web', {}, issuer.stranger)],
    ['unsigned (alg: none)', () => issuer.unsignedToken('u42', 'web')],
    ['HS256 signed with the RSA public key', () => issuer.confusedToken('u42', 'web')],
    ['signed with an unknown kid', () => issuer.token('u42', 'web', {}, { ...issuer.stranger, kid: 'no-such-key' })],
    ['without sub', () => issuer.token(undefined, 'web')],
    ['of 10 KiB', () => issuer.token('u42', 'web', { padding: 'x'.repeat(10 * 1024) })],
    ['garbage', () => 'garbage.garbage.garbage'],
  ])('answers 401 invalid_token, fast, to a token %s', async (_case, token) => {
    const result = await profile(token());
    expectApiError(result, 401, 'Invalid or expired token');
    expect(result.headers.get('www-authenticate')).toBe('Bearer realm="bff", error="invalid_token"');
    expect(result.durationMs).toBeLessThan(1_500);
  });

  it('never reads a token from the query string', async () => {
    const token = issuer.token('u42', 'web');
    const result = await call(`${web.url}/api/profile?access_token=${token}&token=${token}`);
    expectApiError(result, 401, 'Authentication required');
  });

  // Last in this block: it takes the JWKS endpoint down for good.
  it('keeps validating with cached keys while the JWKS endpoint is down, and refuses an unknown kid fast', async () => {
    const known = issuer.token('u42', 'web');
    expect((await profile(known)).status).toBe(200);
    await issuer.stop();

    expect((await profile(issuer.token('u43', 'web'))).status).toBe(200);
    expect((await profile(issuer.token('u44', 'web', {}, issuer.ec))).status).toBe(200);
    const unknown = await profile(issuer.token('u42', 'web', {}, { ...issuer.stranger, kid: 'rotated-in-while-down' }));
    expectApiError(unknown, 401, 'Invalid or expired token');
    expect(unknown.durationMs).toBeLessThan(1_500);
  });

  it('answers 403 insufficient_scope to a valid token without the scope the route needs', async () => {
    const result = await profile(issuer.token('u42', 'web', { scope: 'orders:read' }));
    expectApiError(result, 403, 'The token lacks a scope this request needs');
    expect(result.headers.get('www-authenticate')).toBe('Bearer realm="bff", error="insufficient_scope"');
  });
});

// The whole flow as in production: identity-service issues RS256 tokens, the gateways verify
// them through its JWKS. (web-bff's cookie session, signed in through the provider: web-session.e2e-spec.ts.)
describe('with the real identity-service', () => {
  const u42 = { email: 'linus.perlman.42@example.com', password: DEVELOPMENT_USER_PASSWORD };
  const ADMIN = { authorization: `Bearer ${DEVELOPMENT_IDENTITY_ADMIN_SECRET}` };
  let system: RunningSystem;
  let web: string;
  let mobile: string;

  async function tokenFor(audience: 'web' | 'mobile', credentials = u42): Promise<string> {
    const result = await call<{ accessToken: string }>(`${system.identity.url}/auth/token`, { method: 'POST', body: { ...credentials, audience } });
    if (result.status !== 200) throw new Error(`no token: ${result.status}`);
    return result.body.accessToken;
  }

  beforeAll(async () => {
    system = await launchSystem({ gatewayEnv: { NODE_ENV: 'test' } });
    web = system.gateway('web-bff').url;
    mobile = system.gateway('mobile-bff').url;
  });
  afterAll(() => system?.stop());

  it('opens each gateway with a token for its own audience only', async () => {
    const [webToken, mobileToken] = await Promise.all([tokenFor('web'), tokenFor('mobile')]);
    expect((await call(`${web}/api/profile`, { token: webToken })).status).toBe(200);
    expect((await call(`${mobile}/api/profile`, { token: mobileToken })).status).toBe(200);
    expectApiError(await call(`${mobile}/api/profile`, { token: webToken }), 401);
    expectApiError(await call(`${web}/api/profile`, { token: mobileToken }), 401);
  });

  it('asks for the verified user only, and passes on no identity the call does not declare (never a client-written one)', async () => {
    const token = await tokenFor('web');
    await call(`${web}/api/profile`, { token, headers: { 'x-user-id': 'u999', 'x-forwarded-user': 'u999' } });

    const seen = await faults.lastRequest(system.services['user-service']);
    expect(seen.url).toBe('/users/u42');
    // user-service reads the user from the path: the call declares no credentials, so neither the
    // caller's token nor an x-user-id (least of all the client's own) reaches it.
    expect(seen.headers['x-user-id']).toBeUndefined();
    expect(seen.headers['authorization']).toBeUndefined();
    expect(seen.headers['x-forwarded-user']).toBeUndefined();
  });

  it('answers 404 for another user’s order, exactly as for one that does not exist', async () => {
    const token = await tokenFor('web');
    const own = await call<{ id: string; items: Array<{ product: { id: string } | null }> }>(`${web}/api/orders/o42-1`, { token });
    expect(own.status).toBe(200);
    expect(own.body.items.every((item) => item.product !== null)).toBe(true);

    const someoneElses = await call(`${web}/api/orders/o7-1`, { token });
    const missing = await call(`${web}/api/orders/o42-999`, { token });
    expectApiError(someoneElses, 404, 'Order not found');
    expectApiError(missing, 404, 'Order not found');
    expectApiError(await call(`${web}/api/orders/${encodeURIComponent('../users/u7')}`, { token }), 400);
  });

  it('keeps validating after a key rotation without a restart: new tokens and old ones alike', async () => {
    const before = await tokenFor('web');
    const rotation = await call<{ kid: string; keys: string[] }>(`${system.identity.url}/admin/keys/rotate`, { method: 'POST', headers: ADMIN });
    expect(rotation.status).toBe(200);
    const after = await tokenFor('web');

    expect(JSON.parse(Buffer.from(after.split('.')[0] ?? '', 'base64url').toString()).kid).toBe(rotation.body.kid);
    expect((await call(`${web}/api/profile`, { token: after })).status).toBe(200);
    expect((await call(`${web}/api/profile`, { token: before })).status).toBe(200);
  });
});
