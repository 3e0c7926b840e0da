import { z } from 'zod';
import { DEFAULT_PORTS } from './app-ports';
import { ConfigError } from './config.error';
import { envVar } from './env.parser';

// web-bff's sign-in (issue 14): an OpenID Connect confidential client of OIDC_ISSUER, and how long its
// sessions live. The gateway's schema, GatewayConfig and loadGatewayConfig each take it in with one line.

/**
 * web-bff's client secret at the local identity-service: the same value as identity-service's
 * DEVELOPMENT_WEB_BFF_CLIENT_SECRET (a test holds them together; identity.config imports the gateway's
 * configuration, so this one does not import it back). Public by design: web-bff refuses it in production.
 */
export const DEVELOPMENT_OIDC_CLIENT_SECRET = 'development-only-web-bff-client-secret';

/**
 * What web-bff asks the provider for by default: an ID token with the email and name, and the scopes the
 * gateways check. (Providers that hand out refresh tokens only for `offline_access`, such as Auth0 and Okta,
 * need it added; identity-service and Keycloak do not.)
 */
export const DEFAULT_OIDC_SCOPES = 'openid email profile profile:read profile:write orders:read orders:write';

/**
 * An http(s) URL kept exactly as written: providers compare issuers and redirect URIs character for
 * character (a trailing slash is part of some issuers).
 */
const exactUrl = () =>
  z.string().refine((value) => /^https?:\/\/[^\s?#]+$/.test(value) && URL.canParse(value), 'must be an http:// or https:// URL without query or fragment');

/** The variables of web-bff's sign-in (mobile-bff reads them too, and ignores them). */
export const WEB_SIGN_IN_ENV = {
  /**
   * The provider's issuer identifier, discovered at `<OIDC_ISSUER>/.well-known/openid-configuration`; or
   * the URL of that document itself, when the provider is reached at another address than its issuer's.
   */
  OIDC_ISSUER: exactUrl().default(`http://localhost:${DEFAULT_PORTS['identity-service']}`),
  OIDC_CLIENT_ID: envVar.text().default('web-bff'),
  OIDC_CLIENT_SECRET: envVar.text(16).default(DEVELOPMENT_OIDC_CLIENT_SECRET),
  /** Unset: `<the origin web-bff was reached at>/api/auth/callback`. */
  OIDC_REDIRECT_URI: exactUrl().optional(),
  /** Unset: the root of the web app origin that asked to sign out. */
  OIDC_POST_LOGOUT_REDIRECT_URI: exactUrl().optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'must be space-separated scopes')
    .refine((value) => value.split(' ').includes('openid'), 'must include openid')
    .default(DEFAULT_OIDC_SCOPES),
  /** RFC 8707 resource indicator sent with every grant, for providers that pick the access token's audience by it. */
  OIDC_RESOURCE: envVar.text().optional(),
  OIDC_TIMEOUT_MS: envVar.integer(100, 60_000).default(3_000),
  /** A session's longest life; shorter when the provider says its refresh token expires sooner. */
  SESSION_TTL_S: envVar.integer(60, 31_536_000).default(1_209_600),
};

/** web-bff as an OpenID Connect client (authorization code flow with PKCE, client secret). */
export interface OidcClientConfig {
  /** Issuer identifier (discovery at `<issuer>/.well-known/openid-configuration`), or that discovery document's URL. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back; undefined: `<request origin>/api/auth/callback`. */
  redirectUri?: string;
  /** Where the provider sends the browser after signing out; undefined: the root of the web app that asked. */
  postLogoutRedirectUri?: string;
  /** Space-separated scopes asked for at sign-in. */
  scopes: string;
  /** RFC 8707 resource indicator sent with the grants, when the provider wants one. */
  resource?: string;
  /** Longest wait for the provider (discovery, token, revocation, keys). */
  timeoutMs: number;
}

/** web-bff's sign-in: the provider and its registration there, and its sessions' longest life. */
export interface WebSignInConfig {
  oidc: OidcClientConfig;
  /** A session ends this long after sign-in at the latest (sooner when its refresh token does). */
  sessionTtlSeconds: number;
}

export interface WebSignInVars {
  OIDC_ISSUER: string;
  OIDC_CLIENT_ID: string;
  OIDC_CLIENT_SECRET: string;
  OIDC_REDIRECT_URI?: string;
  OIDC_POST_LOGOUT_REDIRECT_URI?: string;
  OIDC_SCOPES: string;
  OIDC_RESOURCE?: string;
  OIDC_TIMEOUT_MS: number;
  SESSION_TTL_S: number;
}

/** `signsIn`: the gateway signs users in (web-bff), so in production it refuses the development client secret. */
export function webSignInOf(vars: WebSignInVars, production: boolean, signsIn: boolean): WebSignInConfig {
  if (production && signsIn && vars.OIDC_CLIENT_SECRET === DEVELOPMENT_OIDC_CLIENT_SECRET) {
    throw new ConfigError('OIDC_CLIENT_SECRET', 'is the public development secret; set the secret your identity provider issued web-bff');
  }
  return {
    oidc: {
      issuer: vars.OIDC_ISSUER,
      clientId: vars.OIDC_CLIENT_ID,
      clientSecret: vars.OIDC_CLIENT_SECRET,
      redirectUri: vars.OIDC_REDIRECT_URI,
      postLogoutRedirectUri: vars.OIDC_POST_LOGOUT_REDIRECT_URI,
      scopes: vars.OIDC_SCOPES,
      resource: vars.OIDC_RESOURCE,
      timeoutMs: vars.OIDC_TIMEOUT_MS,
    },
    sessionTtlSeconds: vars.SESSION_TTL_S,
  };
}
