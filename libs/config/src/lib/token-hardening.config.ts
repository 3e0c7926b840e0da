import { ConfigError } from './config.error';
import { envVar } from './env.parser';

// Token and cursor hardening (issue 17): JWKS refresh, JWT lifetime, page cursor key. The gateway's
// schema, GatewayConfig and loadGatewayConfig each take it in with one line.

/** The gateway's own bounds on tokens and the key that authenticates page cursors. */
export const TOKEN_HARDENING_ENV = {
  /** The JWKS is fetched at most once per this many ms, however many unknown `kid`s arrive. */
  JWKS_REFRESH_COOLDOWN_MS: envVar.integer(100, 3_600_000).default(10_000),
  /** The longest lifetime (`exp` - `iat`) a token may claim. */
  JWT_MAX_TOKEN_LIFETIME_S: envVar.integer(60, 31_536_000).default(86_400),
  /** Key of the page cursors' HMAC; unset, it is derived from SESSION_SECRET (under a label of its own). */
  CURSOR_SECRET: envVar.text(32).optional(),
};

export interface TokenHardeningConfig {
  jwt: {
    /** JWKS fetched at most once per this many ms (the first load excepted). */
    jwksRefreshCooldownMs: number;
    /** Tokens claiming a longer lifetime (`exp` - `iat`) are refused. */
    maxTokenLifetimeSeconds: number;
  };
  /** Page cursors carry an HMAC made with a key derived from `secret`, so the gateway knows its own. */
  cursor: { secret: string };
}

export interface TokenHardeningVars {
  JWKS_REFRESH_COOLDOWN_MS: number;
  JWT_MAX_TOKEN_LIFETIME_S: number;
  CURSOR_SECRET?: string;
  SESSION_SECRET: string;
}

/** `developmentSecret`: the public development session secret, which production refuses here too. */
export function tokenHardeningOf(vars: TokenHardeningVars, production: boolean, developmentSecret: string): TokenHardeningConfig {
  if (production && vars.CURSOR_SECRET === developmentSecret) {
    throw new ConfigError('CURSOR_SECRET', 'is the public development secret; set a secret of your own in production');
  }
  return {
    jwt: { jwksRefreshCooldownMs: vars.JWKS_REFRESH_COOLDOWN_MS, maxTokenLifetimeSeconds: vars.JWT_MAX_TOKEN_LIFETIME_S },
    // SESSION_SECRET is refused in production while it is the development default, so the fallback is too.
    cursor: { secret: vars.CURSOR_SECRET ?? vars.SESSION_SECRET },
  };
}
