import { createHash, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

/** A public key as the JWKS serves it: the RSA members only, never a private one. */
export interface PublicJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

/** The key pair as oidc-provider takes it in `jwks`: the public members plus the private ones. */
export interface PrivateJwk extends PublicJwk {
  d: string;
  p: string;
  q: string;
  dp: string;
  dq: string;
  qi: string;
}

/** One RSA key pair the service signs tokens with. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
  privateJwk: PrivateJwk;
}

const generateRsaKeyPair = promisify(generateKeyPair);

/** A fresh RSA 2048 key, generated off the event loop so that a rotation does not stall requests. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const { n, e, d, p, q, dp, dq, qi } = privateKey.export({ format: 'jwk' });
  if (!n || !e || !d || !p || !q || !dp || !dq || !qi) throw new Error('the RSA key exported without one of its members');
  // kid = the key's RFC 7638 thumbprint, not a random id: anyone holding the
  // public key can recompute it, and the same key always gets the same kid.
  const kid = rsaJwkThumbprint({ n, e });
  const publicJwk: PublicJwk = { kty: 'RSA', n, e, kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk, privateJwk: { ...publicJwk, d, p, q, dp, dq, qi } };
}

/** RFC 7638 §3.2: SHA-256 over the required members, in lexicographic order and without whitespace, base64url. */
export function rsaJwkThumbprint({ n, e }: { n: string; e: string }): string {
  return createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest('base64url');
}
