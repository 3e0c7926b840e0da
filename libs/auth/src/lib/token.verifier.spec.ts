import { DownstreamCircuitOpenError } from '@bff/service-clients';
import { createHmac } from 'node:crypto';
import type { AuthOptions } from './auth.options';
import { AuthenticationError, VerificationKeysUnavailableError } from './authentication.error';
import { acceptedUser, TokenVerifier } from './token.verifier';
import { VerificationKeys } from './verification.keys';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const options: AuthOptions = { secret: SECRET, issuer: 'https://issuer.test', audience: 'web' };
const verifier = new TokenVerifier(options, new VerificationKeys(options));
const now = () => Math.floor(Date.now() / 1000);

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signed by hand: jsonwebtoken's sign would refuse the odd claims these tests need. */
function token(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): string {
  const payload = { sub: 'u42', iss: options.issuer, aud: options.audience, iat: now(), exp: now() + 600, scope: 'profile:read', ...claims };
  const input = `${part({ alg: 'HS256', typ: 'JWT', ...header })}.${part(payload)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

describe('TokenVerifier', () => {
  it('accepts a token of the configured issuer and audience, signed with the key', async () => {
    await expect(verifier.verify(token())).resolves.toEqual({ sub: 'u42', roles: [], scopes: ['profile:read'], expiresAt: expect.any(Number) });
  });

  it.each([
    ['with an unknown critical header', () => token({}, { crit: ['exp-foo'], 'exp-foo': true })],
    ['with exp: 1e20', () => token({ exp: 1e20 })],
    ['living longer than the maximum lifetime (a day)', () => token({ exp: now() + 86_400 + 60 })],
    ['issued in the future, beyond the clock tolerance', () => token({ iat: now() + 120, exp: now() + 600 })],
    ['with a huge iat', () => token({ iat: 1e20 })],
    ['with a negative iat', () => token({ iat: -1e20 })],
    ['without iat', () => token({ iat: undefined })],
    ['with iat as a string', () => token({ iat: String(now()) })],
    ['expiring before it was issued', () => token({ iat: now(), exp: now() - 1 })],
    ['with nbf as a string', () => token({ nbf: 'soon' })],
    ['with sub an object', () => token({ sub: { id: 'u42' } })],
    ['with exp an array', () => token({ exp: [now() + 600] })],
    ['with roles an object', () => token({ roles: { admin: true } })],
    ['of another issuer', () => token({ iss: 'https://evil.example.com' })],
    ['unsigned', () => `${token().split('.').slice(0, 2).join('.')}.`],
  ])('refuses a token %s as invalid_token, never with another error', async (_case, make) => {
    await expect(verifier.verify(make())).rejects.toThrow(new AuthenticationError('invalid_token'));
  });

  it('follows the configured maximum lifetime and clock tolerance', () => {
    const strict: AuthOptions = { ...options, maxTokenLifetimeSeconds: 900, clockToleranceSeconds: 5 };
    const claims = (iat: number, exp: number) => ({ sub: 'u42', iat, exp });
    const t = 1_800_000_000;
    expect(acceptedUser(claims(t, t + 900), strict, t)).toMatchObject({ sub: 'u42' });
    expect(acceptedUser(claims(t, t + 901), strict, t)).toBeUndefined();
    expect(acceptedUser(claims(t + 5, t + 600), strict, t)).toMatchObject({ sub: 'u42' });
    expect(acceptedUser(claims(t + 6, t + 600), strict, t)).toBeUndefined();
  });
});

describe('TokenVerifier in JWKS mode, with no JWKS to be had', () => {
  it('answers unavailable (a 503 at the gateway), never invalid, for a token it cannot check', async () => {
    const jwks: AuthOptions = { jwksUri: 'http://127.0.0.1:9/jwks.json', issuer: options.issuer, audience: 'web' };
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k-1' })).toString('base64url');
    const rejection = new TokenVerifier(jwks, new VerificationKeys(jwks)).verify(`${header}.e30.c2ln`);
    await expect(rejection).rejects.toThrow(VerificationKeysUnavailableError);
    await expect(rejection).rejects.toThrow(DownstreamCircuitOpenError);
  });
});
