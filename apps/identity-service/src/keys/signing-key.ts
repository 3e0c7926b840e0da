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

/** One RSA key pair the service signs tokens with. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

const generateRsaKeyPair = promisify(generateKeyPair);

/** A fresh RSA 2048 key, generated off the event loop so that a rotation does not stall requests. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: 'jwk' });
  if (!n || !e) throw new Error('the RSA public key exported without n or e');
  // kid = the key's RFC 7638 thumbprint, not a random id: anyone holding the
  // public key can recompute it, and the same key always gets the same kid.
  const kid = rsaJwkThumbprint({ n, e });
  return { kid, privateKey, publicJwk: { kty: 'RSA', n, e, kid, alg: 'RS256', use: 'sig' } };
}

/** RFC 7638 §3.2: SHA-256 over the required members, in lexicographic order and without whitespace, base64url. */
export function rsaJwkThumbprint({ n, e }: { n: string; e: string }): string {
  return createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest('base64url');
}
