import { ConfigError } from './config.error';
import { type Env, parseEnv } from './env.parser';
import { type GatewayDefaults, parseGatewayDefaults } from './gateway-defaults';
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_SESSION_SECRET, gatewayEnvSchema, localService } from './gateway-env.schema';
import { type OverloadConfig, overloadOf } from './overload.config';
import { type TokenHardeningConfig, tokenHardeningOf } from './token-hardening.config';
import { type WebSignInConfig, webSignInOf } from './web-sign-in.config';

export type { TokenHardeningConfig } from './token-hardening.config';

export { DEVELOPMENT_JWT_ISSUER, DEVELOPMENT_JWT_SECRET, DEVELOPMENT_SESSION_SECRET, GATEWAY_ENV_VARS } from './gateway-env.schema';

export type DownstreamServiceName = 'user' | 'order' | 'catalog' | 'recommendation' | 'identity';

/** A gateway's whole configuration, validated once at start-up. */
export interface GatewayConfig extends TokenHardeningConfig {
  /** The app's name, from its defaults (`web-bff`, `mobile-bff`). */
  app: string;
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Base URL of each downstream service, without a trailing slash. */
  services: Record<DownstreamServiceName, string>;
  /** Exactly one of `jwksUri` (RS256/ES256 keys from a JWKS) and `secret` (HS256) is set. */
  jwt: TokenHardeningConfig['jwt'] & {
    jwksUri?: string;
    secret?: string;
    issuer: string;
    audience: string;
    clockToleranceSeconds: number;
  };
  /**
   * web-bff's cookie session: `secret` seals what the browser holds (the sign-in's state) and keys the
   * page cursors unless CURSOR_SECRET is set.
   */
  session: { secret: string };
  /** web-bff's sign-in as an OpenID Connect client, and how long its sessions live. */
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
    /** Failed authentications (401/403) per client address per `authFailureTtlMs`; past it, 429 before verifying. */
    authFailureTtlMs: number;
    authFailureLimit: number;
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
  /**
   * Admission at the door (ADMISSION_*): at most a concurrency limit of requests in flight, the rest in
   * a bounded queue while their deadlines allow, else 503 with `Retry-After`; undefined: off.
   */
  admission: OverloadConfig['admission'];
  /** Time limits of every client connection, so that no slow or idle client holds a socket for long. */
  http: {
    /** The whole header block must arrive within this (HEADERS_TIMEOUT_MS), else 408 and the connection closes. */
    headersTimeoutMs: number;
    /** The whole request, body included, must arrive within this (REQUEST_TIMEOUT_MS), else 408 and the connection closes. */
    requestTimeoutMs: number;
    /** An idle keep-alive connection is closed after this (KEEP_ALIVE_TIMEOUT_MS); above a load balancer's own idle timeout. */
    keepAliveTimeoutMs: number;
  };
  /** Serve the OpenAPI document and Swagger UI at `/docs` and `/docs-json` (OPENAPI_DOCS; off in production unless turned on). */
  openApiDocs: boolean;
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
  /** Per service, retries stay under `percent` % of its calls over `windowMs`, or `minRetries` (RETRY_BUDGET_*). */
  retryBudget: OverloadConfig['retryBudget'];
  /** One circuit breaker per service: opens past `errorThresholdPercent` failures over `windowMs` (once `volumeThreshold` calls were seen), probes after `resetMs`. */
  circuit: { errorThresholdPercent: number; volumeThreshold: number; windowMs: number; resetMs: number };
  /** How long a product from the catalog is fresh; stale ones are served while refreshed, and when the catalog fails. 0 turns the cache off. */
  catalogCacheTtlMs: number;
}

/** Injection token of the app's `GatewayConfig`. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/**
 * Reads and validates a gateway's configuration: `defaults` are the gateway's own choices (its
 * `gateway.defaults.json`), `env` the environment. Throws a one-line ConfigError on the first bad
 * variable.
 */
export function loadGatewayConfig(defaults: GatewayDefaults, env: Env): GatewayConfig {
  const own = parseGatewayDefaults(defaults, `the gateway defaults of ${defaults.app}`);
  const vars = parseEnv(gatewayEnvSchema(own), env);
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
  if (vars.HEADERS_TIMEOUT_MS > vars.REQUEST_TIMEOUT_MS) {
    throw new ConfigError('HEADERS_TIMEOUT_MS', 'must not be more than REQUEST_TIMEOUT_MS: the headers are part of the request');
  }
  const hardening = tokenHardeningOf(vars, production, DEVELOPMENT_SESSION_SECRET);
  const overload = overloadOf(vars);
  return {
    app: own.app,
    cursor: hardening.cursor,
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
      ...hardening.jwt,
    },
    session: { secret: vars.SESSION_SECRET },
    webSignIn: webSignInOf(vars, production, own.app === 'web-bff'),
    throttle: {
      ttlMs: vars.THROTTLE_TTL_MS,
      limit: vars.THROTTLE_LIMIT,
      burstTtlMs: vars.THROTTLE_BURST_TTL_MS,
      burstLimit: vars.THROTTLE_BURST_LIMIT,
      failClosed: vars.THROTTLE_FAIL_CLOSED === 'true',
      loginTtlMs: vars.THROTTLE_LOGIN_TTL_MS,
      loginLimit: vars.THROTTLE_LOGIN_LIMIT,
      authFailureTtlMs: vars.THROTTLE_AUTH_FAILURE_TTL_MS,
      authFailureLimit: vars.THROTTLE_AUTH_FAILURE_LIMIT,
    },
    redis: vars.REDIS_URL ? { url: vars.REDIS_URL, keyPrefix: vars.REDIS_KEY_PREFIX, timeoutMs: vars.REDIS_TIMEOUT_MS } : undefined,
    clusterWorkers: vars.CLUSTER_WORKERS,
    trustProxy: vars.TRUST_PROXY,
    corsOrigins: vars.CORS_ORIGINS ?? (production ? [] : [...(own.corsOrigins ?? [])]),
    downstreamTimeoutMs: vars.DOWNSTREAM_TIMEOUT_MS,
    resilience: {
      deadlineMs: vars.REQUEST_DEADLINE_MS,
      retry: { max: vars.RETRY_MAX, baseDelayMs: vars.RETRY_BASE_DELAY_MS },
      retryBudget: overload.retryBudget,
      circuit: {
        errorThresholdPercent: vars.CIRCUIT_ERROR_THRESHOLD_PERCENT,
        volumeThreshold: vars.CIRCUIT_VOLUME_THRESHOLD,
        windowMs: vars.CIRCUIT_WINDOW_MS,
        resetMs: vars.CIRCUIT_RESET_MS,
      },
      catalogCacheTtlMs: vars.CATALOG_CACHE_TTL_MS,
    },
    admission: overload.admission,
    http: {
      headersTimeoutMs: vars.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: vars.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: vars.KEEP_ALIVE_TIMEOUT_MS,
    },
    openApiDocs: vars.OPENAPI_DOCS ?? !production,
    operations: {
      logLevel: vars.LOG_LEVEL,
      metricsPort: vars.METRICS_PORT,
      shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
      otlpEndpoint: vars.OTEL_EXPORTER_OTLP_ENDPOINT,
    },
  };
}
