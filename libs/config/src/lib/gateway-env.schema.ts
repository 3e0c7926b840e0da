import { z } from 'zod';
import { DEFAULT_PORTS } from './app-ports';
import { envVar } from './env.parser';
import type { GatewayDefaults } from './gateway-defaults';
import { OVERLOAD_ENV } from './overload.config';
import { TOKEN_HARDENING_ENV } from './token-hardening.config';
import { WEB_SIGN_IN_ENV } from './web-sign-in.config';

/**
 * The HS256 secret that tests and the benchmark sign tokens with (set as JWT_SECRET).
 * Public by design: a gateway started with NODE_ENV=production refuses it.
 */
export const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-never-use-in-production';

/** Encrypts web-bff's session cookies in local runs. Public by design: refused when NODE_ENV=production. */
export const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-never-in-production';

/** The issuer of development tokens, and the gateways' default `JWT_ISSUER`. */
export const DEVELOPMENT_JWT_ISSUER = 'http://localhost:3100';

export const localService = (name: keyof typeof DEFAULT_PORTS) => `http://127.0.0.1:${DEFAULT_PORTS[name]}`;

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

const redisUrl = () => z.string().refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), 'must be a redis:// or rediss:// URL');

const trueOrFalse = () => z.enum(['true', 'false'], { error: 'must be "true" or "false"' });

/** The variables of a gateway, with the defaults that gateway chose where its choice differs from another's. */
export function gatewayEnvSchema(defaults: GatewayDefaults) {
  return z.object({
    NODE_ENV: envVar.oneOf(['development', 'production', 'test']).default('development'),
    HOST: envVar.text().default('127.0.0.1'),
    PORT: envVar.integer(0, 65535).default(defaults.port),
    USER_SERVICE_URL: envVar.httpUrl().default(localService('user-service')),
    ORDER_SERVICE_URL: envVar.httpUrl().default(localService('order-service')),
    CATALOG_SERVICE_URL: envVar.httpUrl().default(localService('catalog-service')),
    RECOMMENDATION_SERVICE_URL: envVar.httpUrl().default(localService('recommendation-service')),
    JWKS_URI: envVar.httpUrl().optional(),
    JWT_SECRET: envVar.text(32).optional(),
    JWT_ISSUER: envVar.text().default(DEVELOPMENT_JWT_ISSUER),
    JWT_AUDIENCE: envVar.text().default(defaults.audience),
    JWT_CLOCK_TOLERANCE_S: envVar.integer(0, 300).default(30),
    ...TOKEN_HARDENING_ENV,
    IDENTITY_SERVICE_URL: envVar.httpUrl().default(localService('identity-service')),
    SESSION_SECRET: envVar.text(32).default(DEVELOPMENT_SESSION_SECRET),
    ...WEB_SIGN_IN_ENV,
    THROTTLE_LOGIN_TTL_MS: envVar.integer(1, 86_400_000).default(60_000),
    THROTTLE_LOGIN_LIMIT: envVar.integer(1, 1_000_000).default(5),
    // 401/403 answers per client address per window; past it, 429 before any token is verified.
    THROTTLE_AUTH_FAILURE_TTL_MS: envVar.integer(1_000, 3_600_000).default(60_000),
    THROTTLE_AUTH_FAILURE_LIMIT: envVar.integer(1, 10_000).default(20),
    THROTTLE_TTL_MS: envVar.integer(1, 86_400_000).default(60_000),
    THROTTLE_LIMIT: envVar.integer(1, 1_000_000_000).default(defaults.throttle.limit),
    THROTTLE_BURST_TTL_MS: envVar.integer(1, 86_400_000).default(1_000),
    THROTTLE_BURST_LIMIT: envVar.integer(1, 1_000_000_000).default(defaults.throttle.burstLimit),
    THROTTLE_FAIL_CLOSED: trueOrFalse().default('false'),
    REDIS_URL: redisUrl().optional(),
    // Each gateway counts under its own prefix, so a user's web and mobile budgets stay apart in a shared Redis.
    REDIS_KEY_PREFIX: envVar.text().default(defaults.redisKeyPrefix ?? `bff:${defaults.audience}:`),
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
    ...OVERLOAD_ENV,
    CATALOG_CACHE_TTL_MS: envVar.integer(0, 86_400_000).default(30_000),
    // Time limits of every client connection (see GatewayConfig.http).
    HEADERS_TIMEOUT_MS: envVar.integer(100, 600_000).default(10_000),
    REQUEST_TIMEOUT_MS: envVar.integer(100, 600_000).default(20_000),
    KEEP_ALIVE_TIMEOUT_MS: envVar.integer(100, 600_000).default(65_000),
    // Unset: on, except with NODE_ENV=production.
    OPENAPI_DOCS: envVar.onOff().optional(),
    LOG_LEVEL: envVar.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    METRICS_PORT: envVar.integer(0, 65535).default(defaults.metricsPort),
    SHUTDOWN_GRACE_MS: envVar.integer(0, 600_000).default(10_000),
    OTEL_EXPORTER_OTLP_ENDPOINT: envVar.httpUrl().optional(),
    // 1: one process, as in a container per core; more: node:cluster workers sharing the port.
    CLUSTER_WORKERS: envVar.integer(1, 64).default(1),
  });
}

/** Any defaults: the names of the variables do not depend on them. */
const NAMES_ONLY: GatewayDefaults = { app: 'gateway', port: 0, metricsPort: 0, audience: 'gateway', throttle: { burstLimit: 1, limit: 1 } };

/** Every variable a gateway reads; docker-compose.yml's and the manifests' tests check each is wired. */
export const GATEWAY_ENV_VARS = Object.keys(gatewayEnvSchema(NAMES_ONLY).shape);
