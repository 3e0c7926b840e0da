/** How strictly tokens are checked and how the JWKS is refreshed; part of `AuthOptions`. */
export interface TokenPolicyOptions {
  /**
   * The longest lifetime (`exp` − `iat`) a token may claim, in seconds. A token claiming more, or
   * without `iat`, is refused: so no signed `exp` reaches code that turns it into a date.
   * @default 86400
   */
  maxTokenLifetimeSeconds?: number;
  /**
   * JWKS mode: the JWKS is fetched at most once per this many ms, however many unknown `kid`s
   * arrive (the first load excepted), so a token of a freshly rotated key validates within it.
   * @default 10000
   */
  jwksRefreshCooldownMs?: number;
  /**
   * JWKS mode: how long a `kid` that the current key set lacks is remembered as unknown (no fetch
   * for it), in ms. Forgotten at once when a fetch brings a new key set.
   * @default 60000
   */
  unknownKidTtlMs?: number;
  /**
   * JWKS mode: how many unknown `kid`s are remembered at most (the oldest go first).
   * @default 1000
   */
  unknownKidCacheSize?: number;
}

export const TOKEN_POLICY_DEFAULTS = {
  maxTokenLifetimeSeconds: 86_400,
  jwksRefreshCooldownMs: 10_000,
  unknownKidTtlMs: 60_000,
  unknownKidCacheSize: 1_000,
} as const satisfies Required<TokenPolicyOptions>;
