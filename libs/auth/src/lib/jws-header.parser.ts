import { AuthenticationError } from './authentication.error';

/** What the gateway reads from a token's protected header before it looks for a key. */
export interface JwsHeader {
  alg: string;
  kid?: string;
}

/** A `kid` as key ids are written (RFC 7638 thumbprints, UUIDs, names): visible ASCII, at most 256 characters. */
const KID = /^[\x21-\x7e]{1,256}$/;

function decodedHeader(token: string): unknown {
  const encoded = token.slice(0, Math.max(token.indexOf('.'), 0));
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  try {
    return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The protected header of a compact JWS, checked before any key is looked up, so that a token the
 * gateway would refuse anyway never costs a JWKS lookup: a JSON object, an `alg` of the mode's,
 * a well-formed `kid` (required when keys come from a JWKS) and no `crit`. The gateway understands
 * no extension header, and RFC 7515 4.1.11 says a token that marks one critical must be refused.
 * `jku`, `x5u`, `jwk` and `x5c` are never followed: keys come from the configuration only.
 * @throws AuthenticationError `invalid_token`
 */
export function jwsHeaderOf(token: string, algorithms: readonly string[], kidRequired: boolean): JwsHeader {
  const header = decodedHeader(token);
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new AuthenticationError('invalid_token');
  const { alg, kid, crit } = header as Record<string, unknown>;
  if (typeof alg !== 'string' || !algorithms.includes(alg)) throw new AuthenticationError('invalid_token');
  if (crit !== undefined) throw new AuthenticationError('invalid_token');
  if (kid === undefined) {
    if (kidRequired) throw new AuthenticationError('invalid_token');
    return { alg };
  }
  if (typeof kid !== 'string' || !KID.test(kid)) throw new AuthenticationError('invalid_token');
  return { alg, kid };
}
