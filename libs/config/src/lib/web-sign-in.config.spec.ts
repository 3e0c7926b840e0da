import { ConfigError } from './config.error';
import type { GatewayDefaults } from './gateway-defaults';
import { loadGatewayConfig } from './gateway.config';

const WEB: GatewayDefaults = { app: 'web-bff', port: 3000, metricsPort: 9464, audience: 'web', throttle: { burstLimit: 20, limit: 600 } };
const MOBILE: GatewayDefaults = { app: 'mobile-bff', port: 3001, metricsPort: 9465, audience: 'mobile', throttle: { burstLimit: 10, limit: 300 } };
import { DEVELOPMENT_WEB_BFF_CLIENT_SECRET } from './identity.config';
import { DEFAULT_OIDC_SCOPES, DEVELOPMENT_OIDC_CLIENT_SECRET } from './web-sign-in.config';

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

describe('loadGatewayConfig: web-bff’s sign-in (OIDC_*, SESSION_TTL_S)', () => {
  const production = { NODE_ENV: 'production', JWKS_URI: 'https://id.example.com/jwks', SESSION_SECRET: `${strongSecret}-session` };

  it('signs in at the local identity-service as its development client unless told otherwise', () => {
    // The secret identity-service registers web-bff with in local runs.
    expect(DEVELOPMENT_OIDC_CLIENT_SECRET).toBe(DEVELOPMENT_WEB_BFF_CLIENT_SECRET);
    const web = loadGatewayConfig(WEB, {});
    expect(web.webSignIn.oidc).toEqual({
      issuer: 'http://localhost:3100',
      clientId: 'web-bff',
      clientSecret: DEVELOPMENT_WEB_BFF_CLIENT_SECRET,
      redirectUri: undefined,
      postLogoutRedirectUri: undefined,
      scopes: DEFAULT_OIDC_SCOPES,
      resource: undefined,
      timeoutMs: 3000,
    });
    expect(web.webSignIn.sessionTtlSeconds).toBe(1_209_600);
  });

  it('refuses the development client secret in web-bff in production; mobile-bff, which signs nobody in, does not care', () => {
    expect(problemWith(production)).toBe(
      'Invalid configuration: OIDC_CLIENT_SECRET is the public development secret; set the secret your identity provider issued web-bff',
    );
    expect(loadGatewayConfig(WEB, { ...production, OIDC_CLIENT_SECRET: `${strongSecret}-oidc` }).webSignIn.oidc.clientSecret).toBe(`${strongSecret}-oidc`);
    expect(loadGatewayConfig(MOBILE, production).environment).toBe('production');
  });

  it.each([
    [{ OIDC_ISSUER: 'id.example.com' }, 'Invalid configuration: OIDC_ISSUER must be an http:// or https:// URL without query or fragment'],
    [{ OIDC_REDIRECT_URI: 'https://shop.example.com/cb#x' }, 'Invalid configuration: OIDC_REDIRECT_URI must be an http:// or https:// URL without query or fragment'],
    [{ OIDC_SCOPES: 'email profile' }, 'Invalid configuration: OIDC_SCOPES must include openid'],
    [{ OIDC_SCOPES: 'openid  email' }, 'Invalid configuration: OIDC_SCOPES must be space-separated scopes'],
    [{ OIDC_CLIENT_SECRET: 'short' }, 'Invalid configuration: OIDC_CLIENT_SECRET must be at least 16 characters long'],
    [{ SESSION_TTL_S: '10' }, 'Invalid configuration: SESSION_TTL_S must be a whole number from 60 to 31536000'],
  ])('stops on %j with one line naming the variable', (env, message) => {
    expect(problemWith(env)).toBe(message);
  });

  it('keeps the issuer and redirect URIs exactly as written, trailing slash included (providers compare them character for character)', () => {
    const config = loadGatewayConfig(WEB, { OIDC_ISSUER: 'https://tenant.auth0.example/', OIDC_REDIRECT_URI: 'https://shop.example.com/api/auth/callback' });
    expect(config.webSignIn.oidc.issuer).toBe('https://tenant.auth0.example/');
    expect(config.webSignIn.oidc.redirectUri).toBe('https://shop.example.com/api/auth/callback');
  });
});
