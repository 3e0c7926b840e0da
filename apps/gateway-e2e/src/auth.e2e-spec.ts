import { launchApp, launchSystem, type RunningApp, type RunningSystem } from '@bff/app-process/launcher';
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
    const env = { ...system.serviceUrls, NODE_ENV: 'test', PORT: '0', JWKS_URI: issuer.jwksUri, JWT_ISSUER: issuer.issuer };
    [web, mobile] = await Promise.all([launchApp('web-bff', { env }), launchApp('mobile-bff', { env })]);
  });
  afterAll(async () => {
    await Promise.all([web?.stop(), mobile?.stop(), system?.stop()]);
    await issuer.stop();
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

  it('answers 403 insufficient_scope to a valid token without the scope the route needs', async () => {
    const result = await profile(issuer.token('u42', 'web', { scope: 'orders:read' }));
    expectApiError(result, 403, 'The token lacks a scope this request needs');
    expect(result.headers.get('www-authenticate')).toBe('Bearer realm="bff", error="insufficient_scope"');
  });
});
