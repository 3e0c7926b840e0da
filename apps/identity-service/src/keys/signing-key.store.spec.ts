import { sign, verify } from 'jsonwebtoken';
import { createPublicKey } from 'node:crypto';
import type { Clock } from '../clock/clock';
import { rsaJwkThumbprint } from './signing-key';
import { SigningKeyStore } from './signing-key.store';

/** Time that moves only when the test says so. */
class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

const TTL_S = 900;
const TTL_MS = TTL_S * 1000;

const publishedKids = (store: SigningKeyStore) => store.publishedKeys().map((jwk) => jwk.kid);

/** Signs as the service does with the store's active key; verifies against the key published under the token's kid. */
function signNow(store: SigningKeyStore): string {
  const key = store.signingKey();
  return sign({ sub: 'u42' }, key.privateKey, { algorithm: 'RS256', keyid: key.kid, expiresIn: TTL_S });
}
function verifyWithPublished(store: SigningKeyStore, token: string, kid: string): unknown {
  const jwk = store.publishedKeys().find((key) => key.kid === kid);
  if (!jwk) throw new Error(`${kid} is not published`);
  return verify(token, createPublicKey({ key: { ...jwk }, format: 'jwk' }), { algorithms: ['RS256'] });
}

describe('SigningKeyStore', () => {
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 0, 1));
  });

  it('publishes the public half of the key it signs with, under the key’s thumbprint, and nothing private', async () => {
    const store = await SigningKeyStore.create({ clock, tokenTtlSeconds: TTL_S });

    const [jwk, ...others] = store.publishedKeys();
    expect(others).toEqual([]);
    expect(jwk).toEqual({ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: store.signingKey().kid, alg: 'RS256', use: 'sig' });
    expect(jwk?.kid).toBe(rsaJwkThumbprint({ n: jwk?.n ?? '', e: 'AQAB' }));
    expect(verifyWithPublished(store, signNow(store), store.signingKey().kid)).toMatchObject({ sub: 'u42' });
  });

  it('signs with a new key after a rotation, and keeps the old one published until its last token has expired', async () => {
    const store = await SigningKeyStore.create({ clock, tokenTtlSeconds: TTL_S });
    const oldKid = store.signingKey().kid;
    clock.advance(5_000);
    const lastOldToken = signNow(store);

    const rotation = await store.rotate();

    expect(rotation.kid).not.toBe(oldKid);
    expect(store.signingKey().kid).toBe(rotation.kid);
    expect(rotation.keys).toEqual([rotation.kid, oldKid]);
    expect(publishedKids(store)).toEqual([rotation.kid, oldKid]);
    expect(verifyWithPublished(store, lastOldToken, oldKid)).toMatchObject({ sub: 'u42' });

    clock.advance(TTL_MS - 1);
    expect(publishedKids(store)).toEqual([rotation.kid, oldKid]);

    clock.advance(1);
    expect(publishedKids(store)).toEqual([rotation.kid]);
  });

  it('drops each retired key on its own schedule, and never the active one', async () => {
    const store = await SigningKeyStore.create({ clock, tokenTtlSeconds: TTL_S });
    const first = store.signingKey().kid;
    const second = (await store.rotate()).kid;
    clock.advance(100_000);
    const third = await store.rotate();

    expect(third.keys).toEqual([third.kid, second, first]);
    clock.advance(TTL_MS - 100_000);
    expect(publishedKids(store)).toEqual([third.kid, second]);
    clock.advance(100_000);
    expect(publishedKids(store)).toEqual([third.kid]);
    clock.advance(365 * 86_400_000);
    expect(publishedKids(store)).toEqual([third.kid]);
  });
});

describe('SigningKeyStore for the OpenID Provider', () => {
  it('hands the provider the private keys, signing key first, and keeps a retired one for verifying after it leaves the JWKS', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const store = await SigningKeyStore.create({ clock, tokenTtlSeconds: TTL_S, verifySeconds: 10 * TTL_S });
    const old = store.signingKey().kid;
    const rotation = await store.rotate();

    expect(store.signingJwks().map((jwk) => [jwk.kid, typeof jwk.d])).toEqual([[rotation.kid, 'string'], [old, 'string']]);
    clock.advance(TTL_MS);
    expect(publishedKids(store)).toEqual([rotation.kid]);
    expect(store.signingJwks().map((jwk) => jwk.kid)).toEqual([rotation.kid, old]);
    clock.advance(9 * TTL_MS);
    expect(store.signingJwks().map((jwk) => jwk.kid)).toEqual([rotation.kid]);
  });
});

describe('rsaJwkThumbprint', () => {
  it('computes the RFC 7638 §3.1 example thumbprint', () => {
    const n =
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMs' +
      'tn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpb' +
      'ISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';
    expect(rsaJwkThumbprint({ n, e: 'AQAB' })).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });
});
