import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { LogoutTokenVerifier } from './logout-token.verifier';
import { MemorySessionStore } from './memory-session.store';
import type { OidcClient } from './oidc.client';
import type { WebSessionOptions } from './web-session.options';

const ISSUER = 'https://id.example.com';
const EVENT = { 'http://schemas.openid.net/event/backchannel-logout': {} };

describe('LogoutTokenVerifier', () => {
  let sign: (claims: JWTPayload, options?: { alg?: string; key?: Parameters<SignJWT['sign']>[0]; typ?: string }) => Promise<string>;
  let verifier: LogoutTokenVerifier;

  beforeAll(async () => {
    const provider = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(provider.publicKey)), kid: 'k1', alg: 'RS256' }] });
    const oidc = { logoutTokenKeys: async () => ({ issuer: ISSUER, keys: jwks, algorithms: ['RS256', 'ES256'] }) } as unknown as OidcClient;
    verifier = new LogoutTokenVerifier(oidc, new MemorySessionStore(), { oidc: { clientId: 'web-bff', timeoutMs: 1_000 } } as WebSessionOptions);
    sign = (claims, options = {}) =>
      new SignJWT({ iss: ISSUER, aud: 'web-bff', jti: randomUUID(), events: EVENT, ...claims })
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: 'k1', typ: options.typ ?? 'logout+jwt' })
        .setIssuedAt(typeof claims.iat === 'number' ? claims.iat : undefined)
        .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : '2m')
        .sign(options.key ?? (options.alg === 'HS256' ? new TextEncoder().encode('x'.repeat(32)) : provider.privateKey));
    // A token signed with a key the provider does not publish.
    signWithStranger = (claims) => sign(claims, { key: stranger.privateKey });
  });
  let signWithStranger: (claims: JWTPayload) => Promise<string>;

  it('names the provider session a valid logout token ends, or the user when it names no session', async () => {
    expect(await verifier.verify(await sign({ sub: 'u42', sid: 's1' }))).toEqual({ sid: 's1' });
    expect(await verifier.verify(await sign({ sub: 'u42' }))).toEqual({ sub: 'u42' });
  });

  it('refuses the same logout token twice (its jti), as a replay', async () => {
    const token = await sign({ sub: 'u42', sid: 's2' });
    await verifier.verify(token);
    await expect(verifier.verify(token)).rejects.toMatchObject({ name: 'LogoutTokenRejectedError', detail: 'its jti was seen before' });
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, () => Promise<string>, RegExp]>([
    ['signed with a key the provider does not publish', () => signWithStranger({ sub: 'u42', sid: 's' }), /signature|no applicable key/i],
    ['signed with a shared secret (HS256)', () => sign({ sub: 'u42', sid: 's' }, { alg: 'HS256' }), /alg/i],
    ['from another issuer', () => sign({ iss: 'https://evil.example.com', sid: 's' }), /iss/],
    ['for another client', () => sign({ aud: 'mobile-app', sid: 's' }), /aud/],
    ['expired', () => sign({ sid: 's', iat: now() - 600, exp: now() - 300 }), /exp|age|timestamp/i],
    ['without the back-channel logout event', () => sign({ sid: 's', events: { 'http://example.com/other': {} } }), /event/],
    ['with a nonce (an ID token is not a logout token)', () => sign({ sid: 's', nonce: 'n' }), /nonce/],
    ['naming neither a user nor a session', () => sign({}), /neither/],
    ['without a jti', () => sign({ sid: 's', jti: undefined }), /jti/],
  ])('refuses a logout token %s with a 400', async (_case, token, detail) => {
    const rejected = verifier.verify(await token());
    await expect(rejected).rejects.toMatchObject({ name: 'LogoutTokenRejectedError', status: 400 });
    await expect(rejected).rejects.toMatchObject({ detail: expect.stringMatching(detail) });
  });

  it('refuses something that is no JWT at all', async () => {
    await expect(verifier.verify('not-a-jwt')).rejects.toMatchObject({ name: 'LogoutTokenRejectedError', status: 400 });
    await expect(verifier.verify(undefined)).rejects.toMatchObject({ name: 'LogoutTokenRejectedError', status: 400 });
  });
});
