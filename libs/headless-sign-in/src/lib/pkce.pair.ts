import { createHash, randomBytes } from 'node:crypto';

/** An RFC 7636 PKCE pair with the S256 method: the verifier stays with the client, the challenge goes out. */
export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** 32 random bytes as the verifier (43 characters of base64url, RFC 7636 §4.1), its SHA-256 as the challenge. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), method: 'S256' };
}
