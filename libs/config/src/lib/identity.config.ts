import { z } from 'zod';
import { DEFAULT_PORTS } from './app-ports';
import { ConfigError } from './config.error';
import { type Env, envVar, parseEnv } from './env.parser';
import { DEVELOPMENT_JWT_ISSUER } from './gateway.config';

/** Guards identity-service's admin routes (key rotation) in local runs; refused when NODE_ENV=production. */
export const DEVELOPMENT_IDENTITY_ADMIN_SECRET = 'development-only-identity-admin-secret';

/** The password of every seed user in local runs and tests. Public by design. */
export const DEVELOPMENT_USER_PASSWORD = 'bff-dev-password';

function identityEnvSchema() {
  return z.object({
    NODE_ENV: envVar.oneOf(['development', 'production', 'test']).default('development'),
    HOST: envVar.text().default('127.0.0.1'),
    PORT: envVar.integer(0, 65535).default(DEFAULT_PORTS['identity-service']),
    /** The `iss` of every token it signs; the gateways' JWT_ISSUER must match. */
    JWT_ISSUER: envVar.text().default(DEVELOPMENT_JWT_ISSUER),
    /** Lifetime of an access token, in seconds. */
    TOKEN_TTL_S: envVar.integer(1, 86_400).default(900),
    /** Bearer secret for POST /admin/keys/rotate; at least 16 characters. */
    IDENTITY_ADMIN_SECRET: envVar.text(16).default(DEVELOPMENT_IDENTITY_ADMIN_SECRET),
  });
}

/** Every variable identity-service reads. */
export const IDENTITY_ENV_VARS = Object.keys(identityEnvSchema().shape);

export interface IdentityConfig {
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  issuer: string;
  tokenTtlSeconds: number;
  adminSecret: string;
}

export function loadIdentityConfig(env: Env): IdentityConfig {
  const vars = parseEnv(identityEnvSchema(), env);
  if (vars.NODE_ENV === 'production' && vars.IDENTITY_ADMIN_SECRET === DEVELOPMENT_IDENTITY_ADMIN_SECRET) {
    throw new ConfigError('IDENTITY_ADMIN_SECRET', 'is the public development secret; set a secret of your own in production');
  }
  return {
    environment: vars.NODE_ENV,
    host: vars.HOST,
    port: vars.PORT,
    issuer: vars.JWT_ISSUER,
    tokenTtlSeconds: vars.TOKEN_TTL_S,
    adminSecret: vars.IDENTITY_ADMIN_SECRET,
  };
}
