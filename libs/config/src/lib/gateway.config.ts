import { z } from 'zod';
import { DEFAULT_PORTS, type GatewayAppName } from './app-ports';
import { ConfigError } from './config.error';
import { type Env, envVar, parseEnv } from './env.parser';

/**
 * The HS256 secret the local run signs and verifies development tokens with.
 * Public by design: a gateway started with NODE_ENV=production refuses it.
 */
export const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-never-use-in-production';

/** The issuer of development tokens, and the gateways' default `JWT_ISSUER`. */
export const DEVELOPMENT_JWT_ISSUER = 'http://localhost:3100';

/** The `aud` claim each gateway accepts by default: a token minted for one client does not open the other. */
export const DEFAULT_AUDIENCES: Record<GatewayAppName, string> = {
  'web-bff': 'web',
  'mobile-bff': 'mobile',
};

const localService = (name: keyof typeof DEFAULT_PORTS) => `http://127.0.0.1:${DEFAULT_PORTS[name]}`;

function gatewayEnvSchema(app: GatewayAppName) {
  return z.object({
    NODE_ENV: envVar.oneOf(['development', 'production', 'test']).default('development'),
    HOST: envVar.text().default('127.0.0.1'),
    PORT: envVar.integer(0, 65535).default(DEFAULT_PORTS[app]),
    USER_SERVICE_URL: envVar.httpUrl().default(localService('user-service')),
    ORDER_SERVICE_URL: envVar.httpUrl().default(localService('order-service')),
    CATALOG_SERVICE_URL: envVar.httpUrl().default(localService('catalog-service')),
    RECOMMENDATION_SERVICE_URL: envVar.httpUrl().default(localService('recommendation-service')),
    JWT_SECRET: envVar.text(32).default(DEVELOPMENT_JWT_SECRET),
    JWT_ISSUER: envVar.text().default(DEVELOPMENT_JWT_ISSUER),
    JWT_AUDIENCE: envVar.text().default(DEFAULT_AUDIENCES[app]),
    THROTTLE_TTL_MS: envVar.integer(1, 86_400_000).default(60_000),
    THROTTLE_LIMIT: envVar.integer(1, 1_000_000_000).default(600),
    DOWNSTREAM_TIMEOUT_MS: envVar.integer(1, 600_000).default(1_000),
  });
}

/** Every variable a gateway reads; docker-compose.yml's test checks each is wired. */
export const GATEWAY_ENV_VARS = Object.keys(gatewayEnvSchema('web-bff').shape);

export type DownstreamServiceName = 'user' | 'order' | 'catalog' | 'recommendation';

/** A gateway's whole configuration, validated once at start-up. */
export interface GatewayConfig {
  app: GatewayAppName;
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Base URL of each downstream service, without a trailing slash. */
  services: Record<DownstreamServiceName, string>;
  jwt: { secret: string; issuer: string; audience: string };
  throttle: { ttlMs: number; limit: number };
  downstreamTimeoutMs: number;
}

/** Injection token of the app's `GatewayConfig`. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** Reads and validates a gateway's configuration; throws a one-line ConfigError on the first bad variable. */
export function loadGatewayConfig(app: GatewayAppName, env: Env): GatewayConfig {
  const vars = parseEnv(gatewayEnvSchema(app), env);
  if (vars.NODE_ENV === 'production' && vars.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'is the public development secret; set a secret of your own in production');
  }
  return {
    app,
    environment: vars.NODE_ENV,
    host: vars.HOST,
    port: vars.PORT,
    services: {
      user: vars.USER_SERVICE_URL,
      order: vars.ORDER_SERVICE_URL,
      catalog: vars.CATALOG_SERVICE_URL,
      recommendation: vars.RECOMMENDATION_SERVICE_URL,
    },
    jwt: { secret: vars.JWT_SECRET, issuer: vars.JWT_ISSUER, audience: vars.JWT_AUDIENCE },
    throttle: { ttlMs: vars.THROTTLE_TTL_MS, limit: vars.THROTTLE_LIMIT },
    downstreamTimeoutMs: vars.DOWNSTREAM_TIMEOUT_MS,
  };
}
