import { ConfigError } from './config.error';
import { DEVELOPMENT_WEB_BFF_CLIENT_SECRET, IDENTITY_ENV_VARS, loadIdentityConfig } from './identity.config';

const PRODUCTION = { NODE_ENV: 'production', IDENTITY_ADMIN_SECRET: 'an-admin-secret-of-our-own', WEB_BFF_CLIENT_SECRET: 'a-client-secret-of-our-own-0123456789' };

describe('loadIdentityConfig', () => {
  it('runs locally with no variables set, web-bff registered at its local addresses', () => {
    expect(loadIdentityConfig({})).toEqual({
      environment: 'development',
      host: '127.0.0.1',
      port: 3100,
      issuer: 'http://localhost:3100',
      tokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 86_400,
      sessionTtlSeconds: 1_209_600,
      adminSecret: 'development-only-identity-admin-secret',
      webBff: {
        secret: DEVELOPMENT_WEB_BFF_CLIENT_SECRET,
        redirectUris: ['http://localhost:3000/api/auth/callback', 'http://127.0.0.1:3000/api/auth/callback'],
        postLogoutRedirectUris: ['http://localhost:4200/', 'http://127.0.0.1:4200/'],
        backchannelLogoutUri: 'http://127.0.0.1:3000/api/auth/backchannel-logout',
      },
    });
  });

  it('reads web-bff’s URIs as comma-separated lists, and "none" as no back-channel logout', () => {
    const config = loadIdentityConfig({
      WEB_BFF_REDIRECT_URIS: ' https://shop.example/api/auth/callback , https://www.shop.example/api/auth/callback',
      WEB_BFF_BACKCHANNEL_LOGOUT_URI: 'none',
    });
    expect(config.webBff.redirectUris).toEqual(['https://shop.example/api/auth/callback', 'https://www.shop.example/api/auth/callback']);
    expect(config.webBff.backchannelLogoutUri).toBeUndefined();
  });

  it.each([
    [{ WEB_BFF_REDIRECT_URIS: 'https://shop.example/cb#x' }, 'WEB_BFF_REDIRECT_URIS', 'must be a comma-separated list of absolute URLs without fragments'],
    [{ WEB_BFF_POST_LOGOUT_REDIRECT_URIS: '/relative' }, 'WEB_BFF_POST_LOGOUT_REDIRECT_URIS', 'must be a comma-separated list of absolute URLs without fragments'],
    [{ WEB_BFF_BACKCHANNEL_LOGOUT_URI: 'com.example:/x' }, 'WEB_BFF_BACKCHANNEL_LOGOUT_URI', 'must be an absolute http(s) URL or "none"'],
    [{ WEB_BFF_CLIENT_SECRET: 'short' }, 'WEB_BFF_CLIENT_SECRET', 'must be at least 32 characters long'],
    [{ REFRESH_TOKEN_TTL_S: '59' }, 'REFRESH_TOKEN_TTL_S', 'must be a whole number from 60 to 31536000'],
    [{ SESSION_TTL_S: 'forever' }, 'SESSION_TTL_S', 'must be a whole number from 60 to 31536000'],
  ])('refuses %j, naming %s', (env, variable, problem) => {
    expect(() => loadIdentityConfig(env)).toThrow(new ConfigError(variable, problem));
  });

  it.each(['IDENTITY_ADMIN_SECRET', 'WEB_BFF_CLIENT_SECRET'])('refuses the development %s in production', (variable) => {
    expect(() => loadIdentityConfig({ ...PRODUCTION, [variable]: '' })).toThrow(
      new ConfigError(variable, 'is the public development secret; set a secret of your own in production'),
    );
  });

  it('starts in production with secrets of its own', () => {
    expect(loadIdentityConfig(PRODUCTION).environment).toBe('production');
  });

  it('lists every variable it reads, for the deployment files’ tests', () => {
    expect(IDENTITY_ENV_VARS).toEqual([
      'NODE_ENV',
      'HOST',
      'PORT',
      'JWT_ISSUER',
      'TOKEN_TTL_S',
      'REFRESH_TOKEN_TTL_S',
      'SESSION_TTL_S',
      'IDENTITY_ADMIN_SECRET',
      'WEB_BFF_CLIENT_SECRET',
      'WEB_BFF_REDIRECT_URIS',
      'WEB_BFF_POST_LOGOUT_REDIRECT_URIS',
      'WEB_BFF_BACKCHANNEL_LOGOUT_URI',
    ]);
  });
});
