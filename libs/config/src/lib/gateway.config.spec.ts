import { ConfigError } from './config.error';
import { DEVELOPMENT_JWT_SECRET, GATEWAY_ENV_VARS, loadGatewayConfig } from './gateway.config';

const strongSecret = 'a-production-secret-of-more-than-32-chars';

function problemWith(env: Record<string, string>): string {
  try {
    loadGatewayConfig('web-bff', env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadGatewayConfig', () => {
  it('needs nothing set for the local run: ports, audiences and service URLs point at the sample system', () => {
    const web = loadGatewayConfig('web-bff', {});
    const mobile = loadGatewayConfig('mobile-bff', {});

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
    const config = loadGatewayConfig('web-bff', {
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
      CATALOG_CACHE_TTL_MS: '0',
      LOG_LEVEL: 'debug',
      METRICS_PORT: '9100',
      SHUTDOWN_GRACE_MS: '3000',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      CLUSTER_WORKERS: '4',
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
      },
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
      throttle: { ttlMs: 1000, limit: 20, burstTtlMs: 500, burstLimit: 5, failClosed: true, loginTtlMs: 900000, loginLimit: 10 },
      redis: { url: 'redis://redis.internal:6379/2', keyPrefix: 'web:', timeoutMs: 50 },
      clusterWorkers: 4,
      trustProxy: ['10.0.0.0/8', '192.168.1.7'],
      corsOrigins: ['https://shop.example.com', 'https://www.shop.example.com'],
      downstreamTimeoutMs: 250,
      resilience: {
        deadlineMs: 1500,
        retry: { max: 1, baseDelayMs: 20 },
        circuit: { errorThresholdPercent: 25, volumeThreshold: 4, windowMs: 2000, resetMs: 500 },
        catalogCacheTtlMs: 0,
      },
      operations: { logLevel: 'debug', metricsPort: 9100, shutdownGraceMs: 3000, otlpEndpoint: 'http://otel-collector:4318' },
    });
    expect(GATEWAY_ENV_VARS).toHaveLength(49);
  });

  it('gives web and mobile their own rate-limit budgets, counted in memory and trusting no proxy by default', () => {
    const web = loadGatewayConfig('web-bff', {});
    const mobile = loadGatewayConfig('mobile-bff', {});
    expect(web.throttle).toEqual({ ttlMs: 60_000, limit: 600, burstTtlMs: 1_000, burstLimit: 20, failClosed: false, loginTtlMs: 60_000, loginLimit: 5 });
    expect(mobile.throttle).toEqual({ ttlMs: 60_000, limit: 300, burstTtlMs: 1_000, burstLimit: 10, failClosed: false, loginTtlMs: 60_000, loginLimit: 5 });
    expect(web.redis).toBeUndefined();
    expect(web.corsOrigins).toEqual(['http://localhost:4200', 'http://127.0.0.1:4200']);
    expect(mobile.corsOrigins).toEqual([]);
    expect(web.operations).toEqual({ logLevel: 'info', metricsPort: 9464, shutdownGraceMs: 10_000, otlpEndpoint: undefined });
    expect(mobile.operations.metricsPort).toBe(9465);
    expect(web.resilience).toEqual({
      deadlineMs: 2000,
      retry: { max: 2, baseDelayMs: 50 },
      circuit: { errorThresholdPercent: 50, volumeThreshold: 10, windowMs: 10_000, resetMs: 5_000 },
      catalogCacheTtlMs: 30_000,
    });
    expect(web.trustProxy).toBeUndefined();
    expect(loadGatewayConfig('web-bff', { TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('treats an empty value as unset', () => {
    expect(loadGatewayConfig('web-bff', { PORT: '', THROTTLE_LIMIT: '' }).port).toBe(3000);
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
    expect(loadGatewayConfig('web-bff', {}).jwt).toMatchObject({ jwksUri: 'http://127.0.0.1:3100/.well-known/jwks.json', secret: undefined });
    expect(loadGatewayConfig('web-bff', { JWT_SECRET: strongSecret }).jwt).toMatchObject({ jwksUri: undefined, secret: strongSecret });
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
    expect(loadGatewayConfig('web-bff', { NODE_ENV: 'test', JWT_SECRET: DEVELOPMENT_JWT_SECRET }).jwt.secret).toBe(DEVELOPMENT_JWT_SECRET);
  });
});
