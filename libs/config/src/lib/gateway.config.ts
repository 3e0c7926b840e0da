import { z } from 'zod';
import { DEFAULT_PORTS, type GatewayAppName } from './app-ports';
import { ConfigError } from './config.error';
import { type Env, envVar, parseEnv } from './env.parser';
import { WEB_SIGN_IN_ENV, type WebSignInConfig, webSignInOf } from './web-sign-in.config';

/**
 * The HS256 secret that tests and the benchmark sign tokens with (set as JWT_SECRET).
 * Public by design: a gateway started with NODE_ENV=production refuses it.
 */
export const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-never-use-in-production';

/** Encrypts web-bff's session cookies in local runs. Public by design: refused when NODE_ENV=production. */
export const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-never-in-production';

/** The issuer of development tokens, and the gateways' default `JWT_ISSUER`. */
export const DEVELOPMENT_JWT_ISSUER = 'http://localhost:3100';

/** The `aud` claim each gateway accepts by default: a token minted for one client does not open the other. */
export const DEFAULT_AUDIENCES: Record<GatewayAppName, string> = {
  'web-bff': 'web',
  'mobile-bff': 'mobile',
};

const localService = (name: keyof typeof DEFAULT_PORTS) => `http://127.0.0.1:${DEFAULT_PORTS[name]}`;

/**
 * Rate-limit policies per gateway: a short burst window and a sustained one.
 * The phone makes fewer, bigger calls per screen than the browser, so its budget is smaller.
 */
export const DEFAULT_THROTTLE: Record<GatewayAppName, { burstLimit: number; limit: number }> = {
  'web-bff': { burstLimit: 20, limit: 600 },
  'mobile-bff': { burstLimit: 10, limit: 300 },
};

/** Prometheus metrics are served on a port of their own, never the public one. */
export const DEFAULT_METRICS_PORTS: Record<GatewayAppName, number> = { 'web-bff': 9464, 'mobile-bff': 9465 };

/** Where each gateway's browser client is served from in local runs (the web app's dev server). */
export const DEFAULT_CORS_ORIGINS: Record<GatewayAppName, string> = {
  'web-bff': 'http://localhost:4200,http://127.0.0.1:4200',
  // The phone app is no browser: no cross-origin calls to allow.
  'mobile-bff': '',
};

const origins = () =>
  z
    .string()
    .refine(
      (value) => value.split(',').every((origin) => /^https?:\/\/[^/\s,]+$/.test(origin.trim())),
      'must be a comma-separated list of origins such as https://app.example.com (no paths, no wildcards)',
    )
    .transform((value) => value.split(',').map((origin) => origin.trim()));

/** Fastify's trustProxy: a hop count, or addresses/CIDRs (and proxy-addr's names loopback, linklocal, uniquelocal). */
const trustProxy = () =>
  z
    .string()
    .refine(
      (value) =>
        /^[1-9]\d?$/.test(value) ||
        value.split(',').every((entry) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/.test(entry.trim())),
      'must be a number of proxy hops (1-99) or a comma-separated list of proxy addresses or CIDRs',
    )
    .transform((value): number | string[] => (/^\d+$/.test(value) ? Number(value) : value.split(',').map((entry) => entry.trim())));

const redisUrl = () =>
  z.string().refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), 'must be a redis:// or rediss:// URL');

function gatewayEnvSchema(app: GatewayAppName) {
  return z.object({
    NODE_ENV: envVar.oneOf(['development', 'production', 'test']).default('development'),
    HOST: envVar.text().default('127.0.0.1'),
    PORT: envVar.integer(0, 65535).default(DEFAULT_PORTS[app]),
    USER_SERVICE_URL: envVar.httpUrl().default(localService('user-service')),
    ORDER_SERVICE_URL: envVar.httpUrl().default(localService('order-service')),
    CATALOG_SERVICE_URL: envVar.httpUrl().default(localService('catalog-service')),
    RECOMMENDATION_SERVICE_URL: envVar.httpUrl().default(localService('recommendation-service')),
    JWKS_URI: envVar.httpUrl().optional(),
    JWT_SECRET: envVar.text(32).optional(),
    JWT_ISSUER: envVar.text().default(DEVELOPMENT_JWT_ISSUER),
    JWT_AUDIENCE: envVar.text().default(DEFAULT_AUDIENCES[app]),
    JWT_CLOCK_TOLERANCE_S: envVar.integer(0, 300).default(30),
    IDENTITY_SERVICE_URL: envVar.httpUrl().default(localService('identity-service')),
    SESSION_SECRET: envVar.text(32).default(DEVELOPMENT_SESSION_SECRET),
    ...WEB_SIGN_IN_ENV,
    THROTTLE_LOGIN_TTL_MS: envVar.integer(1, 86_400_000).default(60_000),
    THROTTLE_LOGIN_LIMIT: envVar.integer(1, 1_000_000).default(5),
    THROTTLE_TTL_MS: envVar.integer(1, 86_400_000).default(60_000),
    THROTTLE_LIMIT: envVar.integer(1, 1_000_000_000).default(DEFAULT_THROTTLE[app].limit),
    THROTTLE_BURST_TTL_MS: envVar.integer(1, 86_400_000).default(1_000),
    THROTTLE_BURST_LIMIT: envVar.integer(1, 1_000_000_000).default(DEFAULT_THROTTLE[app].burstLimit),
    THROTTLE_FAIL_CLOSED: z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).default('false'),
    REDIS_URL: redisUrl().optional(),
    // Each gateway counts under its own prefix, so a user's web and mobile budgets stay apart in a shared Redis.
    REDIS_KEY_PREFIX: envVar.text().default(`bff:${DEFAULT_AUDIENCES[app]}:`),
    REDIS_TIMEOUT_MS: envVar.integer(1, 10_000).default(100),
    TRUST_PROXY: trustProxy().optional(),
    CORS_ORIGINS: origins().optional(),
    DOWNSTREAM_TIMEOUT_MS: envVar.integer(1, 600_000).default(1_000),
    REQUEST_DEADLINE_MS: envVar.integer(1, 600_000).default(2_000),
    RETRY_MAX: envVar.integer(0, 5).default(2),
    RETRY_BASE_DELAY_MS: envVar.integer(1, 10_000).default(50),
    CIRCUIT_ERROR_THRESHOLD_PERCENT: envVar.integer(1, 100).default(50),
    CIRCUIT_VOLUME_THRESHOLD: envVar.integer(1, 100_000).default(10),
    CIRCUIT_WINDOW_MS: envVar.integer(100, 3_600_000).default(10_000),
    CIRCUIT_RESET_MS: envVar.integer(10, 3_600_000).default(5_000),
    CATALOG_CACHE_TTL_MS: envVar.integer(0, 86_400_000).default(30_000),
    LOG_LEVEL: envVar.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    METRICS_PORT: envVar.integer(0, 65535).default(DEFAULT_METRICS_PORTS[app]),
    SHUTDOWN_GRACE_MS: envVar.integer(0, 600_000).default(10_000),
    OTEL_EXPORTER_OTLP_ENDPOINT: envVar.httpUrl().optional(),
    // 1: one process, as in a container per core; more: node:cluster workers sharing the port.
    CLUSTER_WORKERS: envVar.integer(1, 64).default(1),
  });
}

/** Every variable a gateway reads; docker-compose.yml's test checks each is wired. */
export const GATEWAY_ENV_VARS = Object.keys(gatewayEnvSchema('web-bff').shape);

export type DownstreamServiceName = 'user' | 'order' | 'catalog' | 'recommendation' | 'identity';

/** A gateway's whole configuration, validated once at start-up. */
export interface GatewayConfig {
  app: GatewayAppName;
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Base URL of each downstream service, without a trailing slash. */
  services: Record<DownstreamServiceName, string>;
  /** Exactly one of `jwksUri` (RS256/ES256 keys from a JWKS) and `secret` (HS256) is set. */
  jwt: {
    jwksUri?: string;
    secret?: string;
    issuer: string;
    audience: string;
    clockToleranceSeconds: number;
  };
  /**
   * web-bff's cookie session: `secret` seals what the browser holds (the sign-in's state); the session
   * itself lives in Redis when `redis` is set, else in this process's memory.
   */
  session: { secret: string };
  /** web-bff's sign-in: an OpenID Connect confidential client, configured by discovery. */
  webSignIn: WebSignInConfig;
  throttle: {
    /** Sustained policy: `limit` requests per `ttlMs` per caller. */
    ttlMs: number;
    limit: number;
    /** Burst policy: `burstLimit` requests per `burstTtlMs` per caller. */
    burstTtlMs: number;
    burstLimit: number;
    /** Answer 503 rather than let requests through uncounted while Redis is unreachable. */
    failClosed: boolean;
    /** Login attempts per client address and per account, per `loginTtlMs`. */
    loginTtlMs: number;
    loginLimit: number;
  };
  /** Shared rate-limit counters; undefined counts in memory (one instance). */
  redis?: { url: string; keyPrefix: string; timeoutMs: number };
  /**
   * Processes serving the port: 1 is this process alone; more forks that many node:cluster workers
   * (each a whole gateway; rate limits are shared only through Redis), with this process as their
   * primary: it replaces a worker that dies, serves their metrics summed, and drains them on SIGTERM.
   */
  clusterWorkers: number;
  /** Fastify's trustProxy; undefined trusts no proxy (the socket address is the client). */
  trustProxy?: number | string[];
  /** Browser origins allowed to call with credentials; empty allows none. */
  corsOrigins: string[];
  downstreamTimeoutMs: number;
  resilience: ResilienceConfig;
  operations: {
    logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
    /** Port of the Prometheus endpoint (`/metrics`), on HOST; 0 picks a free one. */
    metricsPort: number;
    /** How long in-flight requests may take to finish after SIGTERM before the process exits. */
    shutdownGraceMs: number;
    /** OTLP/HTTP endpoint for traces; unset exports nothing. */
    otlpEndpoint?: string;
  };
}

/** How the gateway keeps answering when the services behind it are slow, failing or gone. */
export interface ResilienceConfig {
  /** Every request's budget; each downstream call gets the smaller of its timeout and what is left. */
  deadlineMs: number;
  /** Retries of idempotent calls on connection errors, 502, 503 and 504 (never timeouts), with exponential backoff and jitter. */
  retry: { max: number; baseDelayMs: number };
  /** One circuit breaker per service: opens past `errorThresholdPercent` failures over `windowMs` (once `volumeThreshold` calls were seen), probes after `resetMs`. */
  circuit: { errorThresholdPercent: number; volumeThreshold: number; windowMs: number; resetMs: number };
  /** How long a product from the catalog is fresh; stale ones are served while refreshed, and when the catalog fails. 0 turns the cache off. */
  catalogCacheTtlMs: number;
}

/** Injection token of the app's `GatewayConfig`. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** Reads and validates a gateway's configuration; throws a one-line ConfigError on the first bad variable. */
export function loadGatewayConfig(app: GatewayAppName, env: Env): GatewayConfig {
  const vars = parseEnv(gatewayEnvSchema(app), env);
  const production = vars.NODE_ENV === 'production';
  if (vars.JWKS_URI && vars.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'cannot be set together with JWKS_URI: choose one way to verify tokens');
  }
  if (production && !vars.JWKS_URI && !vars.JWT_SECRET) {
    throw new ConfigError('JWKS_URI', 'is required in production (or JWT_SECRET, to verify HS256 tokens)');
  }
  if (production && vars.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'is the public development secret; set a secret of your own in production');
  }
  if (production && vars.SESSION_SECRET === DEVELOPMENT_SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET', 'is the public development secret; set a secret of your own in production');
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
      identity: vars.IDENTITY_SERVICE_URL,
    },
    jwt: {
      // With neither set, the local run verifies the local identity-service's tokens.
      jwksUri: vars.JWT_SECRET ? undefined : (vars.JWKS_URI ?? `${localService('identity-service')}/.well-known/jwks.json`),
      secret: vars.JWT_SECRET,
      issuer: vars.JWT_ISSUER,
      audience: vars.JWT_AUDIENCE,
      clockToleranceSeconds: vars.JWT_CLOCK_TOLERANCE_S,
    },
    session: { secret: vars.SESSION_SECRET },
    webSignIn: webSignInOf(vars, production, app === 'web-bff'),
    throttle: {
      ttlMs: vars.THROTTLE_TTL_MS,
      limit: vars.THROTTLE_LIMIT,
      burstTtlMs: vars.THROTTLE_BURST_TTL_MS,
      burstLimit: vars.THROTTLE_BURST_LIMIT,
      failClosed: vars.THROTTLE_FAIL_CLOSED === 'true',
      loginTtlMs: vars.THROTTLE_LOGIN_TTL_MS,
      loginLimit: vars.THROTTLE_LOGIN_LIMIT,
    },
    redis: vars.REDIS_URL ? { url: vars.REDIS_URL, keyPrefix: vars.REDIS_KEY_PREFIX, timeoutMs: vars.REDIS_TIMEOUT_MS } : undefined,
    clusterWorkers: vars.CLUSTER_WORKERS,
    trustProxy: vars.TRUST_PROXY,
    corsOrigins: vars.CORS_ORIGINS ?? (production ? [] : DEFAULT_CORS_ORIGINS[app].split(',').filter(Boolean)),
    downstreamTimeoutMs: vars.DOWNSTREAM_TIMEOUT_MS,
    resilience: {
      deadlineMs: vars.REQUEST_DEADLINE_MS,
      retry: { max: vars.RETRY_MAX, baseDelayMs: vars.RETRY_BASE_DELAY_MS },
      circuit: {
        errorThresholdPercent: vars.CIRCUIT_ERROR_THRESHOLD_PERCENT,
        volumeThreshold: vars.CIRCUIT_VOLUME_THRESHOLD,
        windowMs: vars.CIRCUIT_WINDOW_MS,
        resetMs: vars.CIRCUIT_RESET_MS,
      },
      catalogCacheTtlMs: vars.CATALOG_CACHE_TTL_MS,
    },
    operations: {
      logLevel: vars.LOG_LEVEL,
      metricsPort: vars.METRICS_PORT,
      shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
      otlpEndpoint: vars.OTEL_EXPORTER_OTLP_ENDPOINT,
    },
  };
}
