import { AppStartError, launchApp, launchSystem, type RunningApp } from '@bff/app-process/launcher';
import { DEVELOPMENT_USER_PASSWORD } from '@bff/config';
import { decode, type JwtPayload, verify } from 'jsonwebtoken';
import { createPublicKey } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, type HttpResult } from './support/http.client';

const TOKEN_TTL_S = 120;
const ISSUER = 'https://id.e2e.example';
const ADMIN_SECRET = 'e2e-admin-secret-0123456789';
const U42_EMAIL = 'linus.perlman.42@example.com';
const U1_EMAIL = 'alan.engelbart.1@example.com';

interface TokenBody {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
}
interface PublishedJwk {
  kty: string;
  n: string;
  e: string;
  kid: string;
  alg: string;
  use: string;
}

/** A client of one identity-service process. */
function identityClient(identity: () => RunningApp) {
  const client = {
    requestToken: (body: unknown) => call<TokenBody>(`${identity().url}/auth/token`, { method: 'POST', body }),
    async tokenFor(email: string, audience: 'web' | 'mobile'): Promise<string> {
      const result = await client.requestToken({ email, password: DEVELOPMENT_USER_PASSWORD, audience });
      if (result.status !== 200) throw new Error(`no token for ${email}: ${result.status} ${result.text}`);
      return result.body.accessToken;
    },
    jwks: () => call<{ keys: PublishedJwk[] }>(`${identity().url}/.well-known/jwks.json`),
    async publishedKids(): Promise<string[]> {
      return (await client.jwks()).body.keys.map((key) => key.kid);
    },
    rotate: (authorization?: string) =>
      call<{ kid: string; keys: string[] }>(`${identity().url}/admin/keys/rotate`, {
        method: 'POST',
        headers: authorization === undefined ? {} : { authorization },
      }),
    /** Verifies as a gateway will: the key whose kid the token names, taken from the JWKS, RS256 only. */
    async verify(token: string, audience: string): Promise<JwtPayload> {
      const kid = decode(token, { complete: true })?.header.kid;
      const jwk = (await client.jwks()).body.keys.find((key) => key.kid === kid);
      if (!jwk) throw new Error(`kid ${kid} is not in the JWKS`);
      const claims = verify(token, createPublicKey({ key: { ...jwk }, format: 'jwk' }), { algorithms: ['RS256'], issuer: ISSUER, audience });
      if (typeof claims === 'string') throw new Error('the token has no JSON claims');
      return claims;
    },
  };
  return client;
}

const kidOf = (token: string) => decode(token, { complete: true })?.header.kid;

/** POSTs a body exactly as given, which `call` (always JSON.stringify) cannot. */
async function postRaw(url: string, body: string | undefined, contentType: string | undefined = 'application/json'): Promise<HttpResult> {
  const response = await fetch(url, { method: 'POST', headers: body === undefined || contentType === undefined ? {} : { 'content-type': contentType }, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown, text, durationMs: 0 };
}

function expectIdentityError(result: HttpResult, status: number, message?: string): void {
  expect({ status: result.status, body: result.body }).toEqual({
    status,
    body: { statusCode: status, error: expect.any(String), message: message ?? expect.any(String) },
  });
  expect(result.text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|eyJ/);
}

describe('identity-service', () => {
  let identity: RunningApp;
  const idp = identityClient(() => identity);

  beforeAll(async () => {
    identity = await launchApp('identity-service', {
      env: { PORT: '0', NODE_ENV: 'test', JWT_ISSUER: ISSUER, TOKEN_TTL_S: String(TOKEN_TTL_S), IDENTITY_ADMIN_SECRET: ADMIN_SECRET },
    });
  });
  afterAll(() => identity?.stop());

  describe('POST /auth/token', () => {
    it('issues u42 a mobile token that verifies against its key in the JWKS and carries every claim', async () => {
      const result = await idp.requestToken({ email: U42_EMAIL, password: DEVELOPMENT_USER_PASSWORD, audience: 'mobile' });

      expect(result.status).toBe(200);
      expect(result.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: TOKEN_TTL_S });
      expect(result.headers.get('cache-control')).toBe('no-store');
      const token = result.body.accessToken;
      expect(decode(token, { complete: true })?.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });

      const claims = await idp.verify(token, 'mobile');
      expect(claims).toEqual({
        sub: 'u42',
        email: U42_EMAIL,
        roles: ['customer'],
        scope: 'profile:read profile:write orders:read orders:write',
        iss: ISSUER,
        aud: 'mobile',
        iat: expect.any(Number),
        exp: (claims.iat ?? 0) + TOKEN_TTL_S,
        jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      });
      expect(Math.abs((claims.iat ?? 0) - Date.now() / 1000)).toBeLessThan(10);
    });

    it('binds the token to the audience asked for, and never issues the same jti twice', async () => {
      const web = await idp.tokenFor(U42_EMAIL, 'web');
      const mobile = await idp.tokenFor(U42_EMAIL, 'mobile');

      expect((await idp.verify(web, 'web')).aud).toBe('web');
      await expect(idp.verify(mobile, 'web')).rejects.toThrow(/audience invalid/);
      expect((await idp.verify(web, 'web')).jti).not.toBe((await idp.verify(mobile, 'mobile')).jti);
    });

    it('gives u1 the admin role as well', async () => {
      const claims = await idp.verify(await idp.tokenFor(U1_EMAIL, 'web'), 'web');
      expect({ sub: claims.sub, roles: claims['roles'] }).toEqual({ sub: 'u1', roles: ['customer', 'admin'] });
    });

    it('answers a wrong password and an unknown email with the same 401, so that neither tells which emails exist', async () => {
      const wrongPassword = await idp.requestToken({ email: U42_EMAIL, password: 'not-the-password', audience: 'web' });
      const unknownEmail = await idp.requestToken({ email: 'nobody@example.com', password: DEVELOPMENT_USER_PASSWORD, audience: 'web' });

      expectIdentityError(wrongPassword, 401, 'Invalid email or password');
      expect(wrongPassword.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' });
      expect({ status: unknownEmail.status, text: unknownEmail.text }).toEqual({ status: 401, text: wrongPassword.text });
    });

    it.each([
      ['a form', 'email=linus.perlman.42@example.com&password=bff-dev-password&audience=web', 'application/x-www-form-urlencoded'],
      ['text', 'email=linus.perlman.42@example.com', 'text/plain'],
      ['no body at all', undefined, undefined],
    ])('answers 415 for %s: a body other than JSON never reaches the password check', async (_case, body, contentType) => {
      const result = await postRaw(`${identity.url}/auth/token`, body, contentType);
      expectIdentityError(result, 415, 'The body must be JSON (content-type: application/json)');
    });

    it('limits failures per email and address as the sign-in page does: 429 after 5, even with the right password', async () => {
      const email = ' Yukihiro.Goldberg.43@example.com ';
      for (let i = 0; i < 5; i += 1) expect((await idp.requestToken({ email, password: `wrong-${i}`, audience: 'web' })).status).toBe(401);
      const blocked = await idp.requestToken({ email: 'yukihiro.goldberg.43@example.com', password: DEVELOPMENT_USER_PASSWORD, audience: 'web' });
      expectIdentityError(blocked, 429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    const valid = { email: U42_EMAIL, password: DEVELOPMENT_USER_PASSWORD, audience: 'web' };
    it.each([
      ['a body that is not JSON', 'email=linus.perlman.42@example.com'],
      ['a JSON array', JSON.stringify([valid])],
      ['a JSON string', JSON.stringify('u42')],
      ['JSON null', 'null'],
      ['no email', JSON.stringify({ ...valid, email: undefined })],
      ['no password', JSON.stringify({ ...valid, password: undefined })],
      ['a password that is not a string', JSON.stringify({ ...valid, password: 12345678 })],
      ['an email longer than any address', JSON.stringify({ ...valid, email: `${'a'.repeat(250)}@example.com` })],
      ['a password of 10,000 characters', JSON.stringify({ ...valid, password: 'x'.repeat(10_000) })],
      ['no audience', JSON.stringify({ ...valid, audience: undefined })],
      ['an audience other than web or mobile', JSON.stringify({ ...valid, audience: 'desktop' })],
    ])('answers 400 in the one error shape for %s', async (_case, body) => {
      const result = await postRaw(`${identity.url}/auth/token`, body);
      expectIdentityError(result, 400);
      expect((result.body as { error: string }).error).toBe('Bad Request');
    });
  });

  describe('GET /.well-known/jwks.json', () => {
    it('serves RSA public keys only, cacheable for a minute', async () => {
      const result = await idp.jwks();

      expect(result.status).toBe(200);
      expect(result.headers.get('cache-control')).toBe('public, max-age=60');
      expect(result.body.keys.length).toBeGreaterThanOrEqual(1);
      for (const key of result.body.keys) {
        expect(key).toEqual({ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: expect.any(String), alg: 'RS256', use: 'sig' });
      }
    });
  });

  describe('POST /admin/keys/rotate', () => {
    it('switches signing to a new key while the JWKS still serves the old one, so earlier tokens keep verifying', async () => {
      const before = await idp.tokenFor(U42_EMAIL, 'web');
      const oldKid = kidOf(before);

      const rotation = await idp.rotate(`Bearer ${ADMIN_SECRET}`);

      expect(rotation.status).toBe(200);
      expect(rotation.body).toEqual({ kid: expect.any(String), keys: expect.arrayContaining([rotation.body.kid, oldKid]) });
      expect(rotation.body.kid).not.toBe(oldKid);
      expect(await idp.publishedKids()).toEqual(rotation.body.keys);

      const after = await idp.tokenFor(U42_EMAIL, 'web');
      expect(kidOf(after)).toBe(rotation.body.kid);
      expect((await idp.verify(after, 'web')).sub).toBe('u42');
      expect((await idp.verify(before, 'web')).sub).toBe('u42');
    });

    it.each([
      ['no Authorization header', undefined],
      ['a wrong secret', 'Bearer not-the-admin-secret-at-all'],
      ['the secret with one more character', `Bearer ${ADMIN_SECRET}x`],
      ['the secret under another scheme', `Basic ${ADMIN_SECRET}`],
    ])('refuses %s with 401 and changes nothing', async (_case, authorization) => {
      const kidsBefore = await idp.publishedKids();
      const signingBefore = kidOf(await idp.tokenFor(U42_EMAIL, 'web'));

      const result = await idp.rotate(authorization);

      expectIdentityError(result, 401);
      expect(result.headers.get('www-authenticate')).toBe('Bearer realm="identity-admin"');
      expect(await idp.publishedKids()).toEqual(kidsBefore);
      expect(kidOf(await idp.tokenFor(U42_EMAIL, 'web'))).toBe(signingBefore);
    });
  });

  it('answers /health', async () => {
    const result = await call(`${identity.url}/health`);
    expect({ status: result.status, body: result.body }).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

describe('identity-service with short-lived tokens', () => {
  const SHORT_TTL_S = 2;
  let identity: RunningApp;
  const idp = identityClient(() => identity);

  beforeAll(async () => {
    identity = await launchApp('identity-service', {
      env: { PORT: '0', NODE_ENV: 'test', JWT_ISSUER: ISSUER, TOKEN_TTL_S: String(SHORT_TTL_S), IDENTITY_ADMIN_SECRET: ADMIN_SECRET },
    });
  });
  afterAll(() => identity?.stop());

  it('drops a retired key from the JWKS once every token it signed has expired', async () => {
    const oldKid = (await idp.publishedKids())[0];
    const rotation = await idp.rotate(`Bearer ${ADMIN_SECRET}`);
    expect(await idp.publishedKids()).toEqual([rotation.body.kid, oldKid]);

    await sleep(SHORT_TTL_S * 1000 + 500);

    expect(await idp.publishedKids()).toEqual([rotation.body.kid]);
  });
});

describe('identity-service with bad configuration', () => {
  async function startFailure(env: Record<string, string>): Promise<AppStartError> {
    const error = await launchApp('identity-service', { env: { PORT: '0', ...env } }).then(
      async (running) => {
        await running.stop();
        throw new Error(`identity-service started with ${JSON.stringify(env)}`);
      },
      (e: unknown) => e,
    );
    if (!(error instanceof AppStartError)) throw error;
    return error;
  }

  it.each([
    [{ TOKEN_TTL_S: 'abc' }, 'Invalid configuration: TOKEN_TTL_S must be a whole number from 1 to 86400'],
    [{ IDENTITY_ADMIN_SECRET: 'short' }, 'Invalid configuration: IDENTITY_ADMIN_SECRET must be at least 16 characters long'],
    [{ WEB_BFF_CLIENT_SECRET: 'too-short-a-secret' }, 'Invalid configuration: WEB_BFF_CLIENT_SECRET must be at least 32 characters long'],
    [{ WEB_BFF_REDIRECT_URIS: 'not a url' }, 'Invalid configuration: WEB_BFF_REDIRECT_URIS must be a comma-separated list of absolute URLs without fragments'],
    [{ WEB_BFF_BACKCHANNEL_LOGOUT_URI: 'ftp://x' }, 'Invalid configuration: WEB_BFF_BACKCHANNEL_LOGOUT_URI must be an absolute http(s) URL or "none"'],
    [
      { NODE_ENV: 'production' },
      'Invalid configuration: IDENTITY_ADMIN_SECRET is the public development secret; set a secret of your own in production',
    ],
    [
      { NODE_ENV: 'production', IDENTITY_ADMIN_SECRET: ADMIN_SECRET },
      'Invalid configuration: WEB_BFF_CLIENT_SECRET is the public development secret; set a secret of your own in production',
    ],
  ])('stops at start-up on %j with exit 1 and one line naming the variable', async (env, line) => {
    const error = await startFailure(env);
    expect(error.exitCode).toBe(1);
    expect(error.output.trim()).toBe(line);
  });
});

describe('identity-service in production', () => {
  let identity: RunningApp;

  beforeAll(async () => {
    identity = await launchApp('identity-service', {
      env: { PORT: '0', NODE_ENV: 'production', IDENTITY_ADMIN_SECRET: ADMIN_SECRET, WEB_BFF_CLIENT_SECRET: 'e2e-production-client-secret-0123456789' },
    });
  });
  afterAll(() => identity?.stop());

  it('does not serve the development password endpoint, only the code flow', async () => {
    const result = await call(`${identity.url}/auth/token`, { method: 'POST', body: { email: U42_EMAIL, password: DEVELOPMENT_USER_PASSWORD, audience: 'web' } });
    expectIdentityError(result, 404);
    expect((await call(`${identity.url}/.well-known/openid-configuration`)).status).toBe(200);
  });
});

describe('identity-service in the whole system', () => {
  it('is started by launchSystem, with its URL among the service URLs the gateways get', async () => {
    const system = await launchSystem({ gateways: [] });
    try {
      expect(system.serviceUrls['IDENTITY_SERVICE_URL']).toBe(system.identity.url);
      const result = await call<TokenBody>(`${system.identity.url}/auth/token`, {
        method: 'POST',
        body: { email: U42_EMAIL, password: DEVELOPMENT_USER_PASSWORD, audience: 'web' },
      });
      expect(result.status).toBe(200);
    } finally {
      await system.stop();
    }
  });
});
