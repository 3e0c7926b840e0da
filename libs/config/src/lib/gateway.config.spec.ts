import { ConfigError } from './config.error';
import { type GatewayDefaults, parseGatewayDefaults } from './gateway-defaults';
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_SESSION_SECRET, GATEWAY_ENV_VARS, loadGatewayConfig } from './gateway.config';

/** Two gateways' own choices, as their gateway.defaults.json would state them. */
const WEB: GatewayDefaults = {
  app: 'web-bff',
  port: 3000,
  metricsPort: 9464,
  audience: 'web',
  throttle: { burstLimit: 20, limit: 600 },
  corsOrigins: ['http://localhost:4200', 'http://127.0.0.1:4200'],
};
const MOBILE: GatewayDefaults = { app: 'mobile-bff', port: 3001, metricsPort: 9465, audience: 'mobile', throttle: { burstLimit: 10, limit: 300 } };

const strongSecret = 'a-production-secret-of-more-than-32-chars';

function problemWith(env: Record<string, string>): string {
  try {
    loadGatewayConfig(WEB, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadGatewayConfig', () => {
  it('needs nothing set for the local run: each gateway’s own port and audience, service URLs at the sample system', () => {
    const web = loadGatewayConfig(WEB, {});
    const mobile = loadGatewayConfig(MOBILE, {});

    expect(web.port).toBe(3000);
    expect(mobile.port).toBe(3001);
    expect(web.jwt.audience).toBe('web');
    expect(mobile.jwt.audience).toBe('mobile');
    expect(web.services).toEqual({
      user: 'http://127.0.0.1:3101',
      order: 'http://127.0.0.1:3102',
      catalog: 'http://127.0.0.1:3103',
      recommendation: 'http://127.0.0.1:3104',
      identity: 'http://127.0.0.1:3100',
    });
    expect(web.host).toBe('127.0.0.1');
    expect(web.clusterWorkers).toBe(1);
  });

  it('reads every variable it documents', () => {
    const config = loadGatewayConfig(WEB, {
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8080',
      USER_SERVICE_URL: 'http://users.internal:80/',
      ORDER_SERVICE_URL: 'http://orders.internal',
      CATALOG_SERVICE_URL: 'https://catalog.internal',
      RECOMMENDATION_SERVICE_URL: 'http://recs.internal',
      JWT_SECRET: strongSecret,
      JWT_ISSUER: 'https://id.example.com',
      JWT_AUDIENCE: 'web-app',
      JWT_CLOCK_TOLERANCE_S: '5',
      IDENTITY_SERVICE_URL: 'https://id.example.com',
      SESSION_SECRET: `${strongSecret}-session`,
      OIDC_ISSUER: 'https://id.example.com/realms/shop/',
      OIDC_CLIENT_ID: 'shop-web',
      OIDC_CLIENT_SECRET: `${strongSecret}-oidc`,
      OIDC_REDIRECT_URI: 'https://shop.example.com/api/auth/callback',
      OIDC_POST_LOGOUT_REDIRECT_URI: 'https://shop.example.com/',
      OIDC_SCOPES: 'openid email offline_access orders:read',
      OIDC_RESOURCE: 'https://api.shop.example.com',
      OIDC_TIMEOUT_MS: '1500',
      SESSION_TTL_S: '3600',
      THROTTLE_LOGIN_TTL_MS: '900000',
      THROTTLE_LOGIN_LIMIT: '10',
      THROTTLE_AUTH_FAILURE_TTL_MS: '30000',
      THROTTLE_AUTH_FAILURE_LIMIT: '7',
      THROTTLE_TTL_MS: '1000',
      THROTTLE_LIMIT: '20',
      THROTTLE_BURST_TTL_MS: '500',
      THROTTLE_BURST_LIMIT: '5',
      THROTTLE_FAIL_CLOSED: 'true',
      REDIS_URL: 'redis://redis.internal:6379/2',
      REDIS_KEY_PREFIX: 'web:',
      REDIS_TIMEOUT_MS: '50',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.7',
      CORS_ORIGINS: 'https://shop.example.com, https://www.shop.example.com',
      DOWNSTREAM_TIMEOUT_MS: '250',
      REQUEST_DEADLINE_MS: '1500',
      RETRY_MAX: '1',
      RETRY_BASE_DELAY_MS: '20',
      CIRCUIT_ERROR_THRESHOLD_PERCENT: '25',
      CIRCUIT_VOLUME_THRESHOLD: '4',
      CIRCUIT_WINDOW_MS: '2000',
      CIRCUIT_RESET_MS: '500',
      ADMISSION_LIMITER: 'fixed',
      ADMISSION_MIN_CONCURRENCY: '10',
      ADMISSION_MAX_CONCURRENCY: '80',
      ADMISSION_QUEUE: '100',
      ADMISSION_RETRY_AFTER_S: '2',
      RETRY_BUDGET_PERCENT: '10',
      RETRY_BUDGET_WINDOW_MS: '5000',
      RETRY_BUDGET_MIN_RETRIES: '1',
      CATALOG_CACHE_TTL_MS: '0',
      LOG_LEVEL: 'debug',
      METRICS_PORT: '9100',
      SHUTDOWN_GRACE_MS: '3000',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      CLUSTER_WORKERS: '4',
      HEADERS_TIMEOUT_MS: '5000',
      REQUEST_TIMEOUT_MS: '15000',
      KEEP_ALIVE_TIMEOUT_MS: '75000',
      OPENAPI_DOCS: 'on',
      JWKS_REFRESH_COOLDOWN_MS: '5000',
      JWT_MAX_TOKEN_LIFETIME_S: '3600',
      CURSOR_SECRET: `${strongSecret}-cursor`,
    });

    expect(config).toEqual({
      app: 'web-bff',
      environment: 'production',
      host: '0.0.0.0',
      port: 8080,
      services: {
        user: 'http://users.internal:80',
        order: 'http://orders.internal',
        catalog: 'https://catalog.internal',
        recommendation: 'http://recs.internal',
        identity: 'https://id.example.com',
      },
      jwt: {
        jwksUri: undefined,
        secret: strongSecret,
        issuer: 'https://id.example.com',
        audience: 'web-app',
        clockToleranceSeconds: 5,
        jwksRefreshCooldownMs: 5000,
        maxTokenLifetimeSeconds: 3600,
      },
      cursor: { secret: `${strongSecret}-cursor` },
      session: { secret: `${strongSecret}-session` },
      webSignIn: {
        oidc: {
          issuer: 'https://id.example.com/realms/shop/',
          clientId: 'shop-web',
          clientSecret: `${strongSecret}-oidc`,
          redirectUri: 'https://shop.example.com/api/auth/callback',
          postLogoutRedirectUri: 'https://shop.example.com/',
          scopes: 'openid email offline_access orders:read',
          resource: 'https://api.shop.example.com',
          timeoutMs: 1500,
        },
        sessionTtlSeconds: 3600,
      },
      throttle: { ttlMs: 1000, limit: 20, burstTtlMs: 500, burstLimit: 5, failClosed: true, loginTtlMs: 900000, loginLimit: 10, authFailureTtlMs: 30000, authFailureLimit: 7 },
      redis: { url: 'redis://redis.internal:6379/2', keyPrefix: 'web:', timeoutMs: 50 },
      clusterWorkers: 4,
      trustProxy: ['10.0.0.0/8', '192.168.1.7'],
      corsOrigins: ['https://shop.example.com', 'https://www.shop.example.com'],
      downstreamTimeoutMs: 250,
      resilience: {
        deadlineMs: 1500,
        retry: { max: 1, baseDelayMs: 20 },
        retryBudget: { percent: 10, windowMs: 5000, minRetries: 1 },
        circuit: { errorThresholdPercent: 25, volumeThreshold: 4, windowMs: 2000, resetMs: 500 },
        catalogCacheTtlMs: 0,
      },
      admission: { limiter: 'fixed', minConcurrency: 10, maxConcurrency: 80, queueCapacity: 100, retryAfterSeconds: 2 },
      http: { headersTimeoutMs: 5000, requestTimeoutMs: 15000, keepAliveTimeoutMs: 75000 },
      openApiDocs: true,
      operations: { logLevel: 'debug', metricsPort: 9100, shutdownGraceMs: 3000, otlpEndpoint: 'http://otel-collector:4318' },
    });
    expect(GATEWAY_ENV_VARS).toHaveLength(66);
  });

  it('gives web and mobile their own rate-limit budgets, counted in memory and trusting no proxy by default', () => {
    const web = loadGatewayConfig(WEB, {});
    const mobile = loadGatewayConfig(MOBILE, {});
    expect(web.throttle).toEqual({ ttlMs: 60_000, limit: 600, burstTtlMs: 1_000, burstLimit: 20, failClosed: false, loginTtlMs: 60_000, loginLimit: 5, authFailureTtlMs: 60_000, authFailureLimit: 20 });
    expect(mobile.throttle).toEqual({ ttlMs: 60_000, limit: 300, burstTtlMs: 1_000, burstLimit: 10, failClosed: false, loginTtlMs: 60_000, loginLimit: 5, authFailureTtlMs: 60_000, authFailureLimit: 20 });
    expect(web.redis).toBeUndefined();
    expect(web.corsOrigins).toEqual(['http://localhost:4200', 'http://127.0.0.1:4200']);
    expect(mobile.corsOrigins).toEqual([]);
    expect(web.operations).toEqual({ logLevel: 'info', metricsPort: 9464, shutdownGraceMs: 10_000, otlpEndpoint: undefined });
    expect(mobile.operations.metricsPort).toBe(9465);
    expect(web.resilience).toEqual({
      deadlineMs: 2000,
      retry: { max: 2, baseDelayMs: 50 },
      retryBudget: { percent: 20, windowMs: 10_000, minRetries: 3 },
      circuit: { errorThresholdPercent: 50, volumeThreshold: 10, windowMs: 10_000, resetMs: 5_000 },
      catalogCacheTtlMs: 30_000,
    });
    expect(web.admission).toEqual({ limiter: 'gradient', minConcurrency: 50, maxConcurrency: 500, queueCapacity: 2000, retryAfterSeconds: 1 });
    expect(loadGatewayConfig(WEB, { ADMISSION_LIMITER: 'off' }).admission).toBeUndefined();
    expect(problemWith({ ADMISSION_MIN_CONCURRENCY: '600' })).toBe('Invalid configuration: ADMISSION_MIN_CONCURRENCY must not be more than ADMISSION_MAX_CONCURRENCY');
    expect(problemWith({ ADMISSION_LIMITER: 'aimd' })).toMatch(/^Invalid configuration: ADMISSION_LIMITER must be one of/);
    expect(web.trustProxy).toBeUndefined();
    expect(loadGatewayConfig(WEB, { TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('bounds token lifetimes and JWKS fetches, and keys page cursors from SESSION_SECRET unless CURSOR_SECRET is set', () => {
    const config = loadGatewayConfig(WEB, { SESSION_SECRET: `${strongSecret}-session` });
    expect(config.jwt).toMatchObject({ jwksRefreshCooldownMs: 10_000, maxTokenLifetimeSeconds: 86_400 });
    expect(config.cursor).toEqual({ secret: `${strongSecret}-session` });
    expect(problemWith({ CURSOR_SECRET: 'too-short' })).toBe('Invalid configuration: CURSOR_SECRET must be at least 32 characters long');
    expect(problemWith({ JWKS_REFRESH_COOLDOWN_MS: '50' })).toBe('Invalid configuration: JWKS_REFRESH_COOLDOWN_MS must be a whole number from 100 to 3600000');
    expect(problemWith({ JWT_MAX_TOKEN_LIFETIME_S: '0' })).toBe('Invalid configuration: JWT_MAX_TOKEN_LIFETIME_S must be a whole number from 60 to 31536000');
    expect(
      problemWith({ NODE_ENV: 'production', JWT_SECRET: strongSecret, SESSION_SECRET: `${strongSecret}-session`, CURSOR_SECRET: DEVELOPMENT_SESSION_SECRET }),
    ).toBe('Invalid configuration: CURSOR_SECRET is the public development secret; set a secret of your own in production');
  });

  it('keeps each gateway’s Redis counters under its own prefix, and its browser origins out of production', () => {
    expect(loadGatewayConfig(WEB, { REDIS_URL: 'redis://r:6379' }).redis?.keyPrefix).toBe('bff:web:');
    expect(loadGatewayConfig({ ...MOBILE, redisKeyPrefix: 'phone:' }, { REDIS_URL: 'redis://r:6379' }).redis?.keyPrefix).toBe('phone:');
    expect(loadGatewayConfig(WEB, { NODE_ENV: 'production', JWKS_URI: 'https://id.example.com/jwks', SESSION_SECRET: strongSecret, OIDC_CLIENT_SECRET: `${strongSecret}-oidc` }).corsOrigins).toEqual([]);
  });

  it('limits every connection in time, and serves the API documents outside production only unless told', () => {
    expect(loadGatewayConfig(WEB, {}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 20_000, keepAliveTimeoutMs: 65_000 });
    expect(problemWith({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '4000' })).toBe(
      'Invalid configuration: HEADERS_TIMEOUT_MS must not be more than REQUEST_TIMEOUT_MS: the headers are part of the request',
    );
    const production = { NODE_ENV: 'production', JWKS_URI: 'https://id.example.com/jwks', SESSION_SECRET: strongSecret, OIDC_CLIENT_SECRET: `${strongSecret}-oidc` };
    expect([loadGatewayConfig(WEB, {}).openApiDocs, loadGatewayConfig(WEB, production).openApiDocs]).toEqual([true, false]);
    expect(loadGatewayConfig(WEB, { ...production, OPENAPI_DOCS: 'on' }).openApiDocs).toBe(true);
    expect(problemWith({ OPENAPI_DOCS: 'yes' })).toBe('Invalid configuration: OPENAPI_DOCS must be "on" or "off"');
  });

  it('refuses a gateway’s defaults file that states something no variable could be, naming the file and the field', () => {
    expect(parseGatewayDefaults(JSON.parse(JSON.stringify(WEB)), 'apps/web-bff/src/gateway.defaults.json')).toEqual(WEB);
    expect(() => parseGatewayDefaults({ ...WEB, metricsPort: 70_000 }, 'apps/web-bff/src/gateway.defaults.json')).toThrow(
      /^Invalid configuration: apps\/web-bff\/src\/gateway\.defaults\.json: metricsPort /,
    );
    expect(() => parseGatewayDefaults({ ...WEB, audiences: ['web'] }, 'x.json')).toThrow(/^Invalid configuration: x\.json: defaults .*audiences/);
  });

  it('treats an empty value as unset', () => {
    expect(loadGatewayConfig(WEB, { PORT: '', THROTTLE_LIMIT: '' }).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'eighty' }, 'Invalid configuration: PORT must be a whole number from 0 to 65535'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT must be a whole number from 0 to 65535'],
    [{ THROTTLE_LIMIT: '0' }, 'Invalid configuration: THROTTLE_LIMIT must be a whole number from 1 to 1000000000'],
    [{ DOWNSTREAM_TIMEOUT_MS: '-5' }, 'Invalid configuration: DOWNSTREAM_TIMEOUT_MS must be a whole number from 1 to 600000'],
    [{ ORDER_SERVICE_URL: 'orders:3102' }, 'Invalid configuration: ORDER_SERVICE_URL must be an absolute http:// or https:// URL'],
    [{ USER_SERVICE_URL: 'ftp://users' }, 'Invalid configuration: USER_SERVICE_URL must be an absolute http:// or https:// URL'],
    [{ NODE_ENV: 'staging' }, 'Invalid configuration: NODE_ENV must be one of: development, production, test'],
    [{ JWT_SECRET: 'short' }, 'Invalid configuration: JWT_SECRET must be at least 32 characters long'],
    [{ REDIS_URL: 'localhost:6379' }, 'Invalid configuration: REDIS_URL must be a redis:// or rediss:// URL'],
    [{ TRUST_PROXY: 'true' }, 'Invalid configuration: TRUST_PROXY must be a number of proxy hops (1-99) or a comma-separated list of proxy addresses or CIDRs'],
    [{ CORS_ORIGINS: '*' }, 'Invalid configuration: CORS_ORIGINS must be a comma-separated list of origins such as https://app.example.com (no paths, no wildcards)'],
    [{ THROTTLE_FAIL_CLOSED: 'yes' }, 'Invalid configuration: THROTTLE_FAIL_CLOSED must be "true" or "false"'],
    [{ CLUSTER_WORKERS: '0' }, 'Invalid configuration: CLUSTER_WORKERS must be a whole number from 1 to 64'],
    [{ CLUSTER_WORKERS: 'auto' }, 'Invalid configuration: CLUSTER_WORKERS must be a whole number from 1 to 64'],
  ])('stops on %j with one line naming the variable', (env, message) => {
    expect(problemWith(env)).toBe(message);
  });

  it('never echoes the offending value, which may be a secret', () => {
    expect(problemWith({ JWT_SECRET: 'hunter2' })).not.toContain('hunter2');
  });

  it('verifies with the local identity-service’s JWKS unless told otherwise, and with one mode only', () => {
    expect(loadGatewayConfig(WEB, {}).jwt).toMatchObject({ jwksUri: 'http://127.0.0.1:3100/.well-known/jwks.json', secret: undefined });
    expect(loadGatewayConfig(WEB, { JWT_SECRET: strongSecret }).jwt).toMatchObject({ jwksUri: undefined, secret: strongSecret });
    expect(problemWith({ JWT_SECRET: strongSecret, JWKS_URI: 'https://id.example.com/jwks' })).toBe(
      'Invalid configuration: JWT_SECRET cannot be set together with JWKS_URI: choose one way to verify tokens',
    );
  });

  it('refuses the development secrets, and a missing key source, in production', () => {
    expect(problemWith({ NODE_ENV: 'production' })).toBe(
      'Invalid configuration: JWKS_URI is required in production (or JWT_SECRET, to verify HS256 tokens)',
    );
    expect(problemWith({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toBe(
      'Invalid configuration: JWT_SECRET is the public development secret; set a secret of your own in production',
    );
    expect(problemWith({ NODE_ENV: 'production', JWKS_URI: 'https://id.example.com/jwks' })).toBe(
      'Invalid configuration: SESSION_SECRET is the public development secret; set a secret of your own in production',
    );
    expect(loadGatewayConfig(WEB, { NODE_ENV: 'test', JWT_SECRET: DEVELOPMENT_JWT_SECRET }).jwt.secret).toBe(DEVELOPMENT_JWT_SECRET);
  });
});
