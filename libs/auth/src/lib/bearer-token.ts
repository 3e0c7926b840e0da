/** Tokens longer than this are refused before any parsing or crypto. */
export const MAX_TOKEN_BYTES = 8 * 1024;

const BEARER = /^bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i;

/**
 * The token in an `Authorization: Bearer <jwt>` header, or null. The scheme is
 * case-insensitive (RFC 7235); the token must look like a compact JWS and be
 * at most 8 KiB. Tokens are read from this header only, never from a query string.
 */
export function bearerToken(header: string): string | null {
  if (header.length > MAX_TOKEN_BYTES + 16) return null;
  return BEARER.exec(header)?.[1] ?? null;
}
