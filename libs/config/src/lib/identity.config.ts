import { z } from 'zod';
import { DEFAULT_PORTS } from './app-ports';
import { ConfigError } from './config.error';
import { type Env, envVar, parseEnv } from './env.parser';
import { DEVELOPMENT_JWT_ISSUER } from './gateway.config';

/** Guards identity-service's admin routes (key rotation) in local runs; refused when NODE_ENV=production. */
export const DEVELOPMENT_IDENTITY_ADMIN_SECRET = 'development-only-identity-admin-secret';

/** The password of every seed user in local runs and tests. Public by design. */
export const DEVELOPMENT_USER_PASSWORD = 'bff-dev-password';

/** web-bff's OAuth client secret at identity-service in local runs; refused when NODE_ENV=production. */
export const DEVELOPMENT_WEB_BFF_CLIENT_SECRET = 'development-only-web-bff-client-secret';

/** The OAuth clients identity-service knows (see its README for each one's redirect URIs and audience). */
export const OIDC_CLIENT_IDS = {
  webBff: 'web-bff',
  mobileApp: 'mobile-app',
  devCli: 'bff-dev-cli',
} as const;

/** RFC 8707 resource indicators a client may ask for, and the `aud` of the access tokens each one gets. */
export const OIDC_RESOURCES = {
  web: { indicator: 'urn:bff:web', audience: 'web' },
  mobile: { indicator: 'urn:bff:mobile', audience: 'mobile' },
} as const;

/** The API scopes the gateways check (`@Scopes()`), all of them granted to every seed user. */
export const API_SCOPES = ['profile:read', 'profile:write', 'orders:read', 'orders:write'] as const;

/** The loopback redirect URI of the development CLI; any port is accepted (RFC 8252 §7.3). */
export const DEV_CLI_REDIRECT_URI = 'http://127.0.0.1/callback';

/** Comma-separated absolute URLs (http, https, or an app's private-use scheme), each parsed. */
const uriList = () =>
  z
    .string()
    .transform((value) => value.split(',').map((uri) => uri.trim()).filter(Boolean))
    .refine(
      (uris) => uris.length > 0 && uris.every((uri) => URL.canParse(uri) && !uri.includes('#')),
      'must be a comma-separated list of absolute URLs without fragments',
    );

const httpUrlOrNone = () =>
  z
    .string()
    .refine((value) => value === 'none' || /^https?:$/.test(URL.parse(value)?.protocol ?? ''), 'must be an absolute http(s) URL or "none"')
    // null, not undefined: zod's default() would take an undefined result for a missing value.
    .transform((value) => (value === 'none' ? null : value));

function identityEnvSchema() {
  return z.object({
    NODE_ENV: envVar.oneOf(['development', 'production', 'test']).default('development'),
    HOST: envVar.text().default('127.0.0.1'),
    PORT: envVar.integer(0, 65535).default(DEFAULT_PORTS['identity-service']),
    /** The issuer identifier: discovery's `issuer` and the `iss` of every token; the gateways' JWT_ISSUER must match. */
    JWT_ISSUER: envVar.text().default(DEVELOPMENT_JWT_ISSUER),
    /** Lifetime of an access token and of an ID token, in seconds. */
    TOKEN_TTL_S: envVar.integer(1, 86_400).default(900),
    /** Lifetime of each refresh token from its issue, in seconds (rotation issues a new one). */
    REFRESH_TOKEN_TTL_S: envVar.integer(60, 31_536_000).default(86_400),
    /** Lifetime of a sign-in (the provider's session and its grants), in seconds. */
    SESSION_TTL_S: envVar.integer(60, 31_536_000).default(1_209_600),
    /** Bearer secret for POST /admin/keys/rotate; at least 16 characters. */
    IDENTITY_ADMIN_SECRET: envVar.text(16).default(DEVELOPMENT_IDENTITY_ADMIN_SECRET),
    WEB_BFF_CLIENT_SECRET: envVar.text(32).default(DEVELOPMENT_WEB_BFF_CLIENT_SECRET),
    WEB_BFF_REDIRECT_URIS: uriList().default(['http://localhost:3000/api/auth/callback', 'http://127.0.0.1:3000/api/auth/callback']),
    WEB_BFF_POST_LOGOUT_REDIRECT_URIS: uriList().default(['http://localhost:4200/', 'http://127.0.0.1:4200/']),
    WEB_BFF_BACKCHANNEL_LOGOUT_URI: httpUrlOrNone().default('http://127.0.0.1:3000/api/auth/backchannel-logout'),
  });
}

/** Every variable identity-service reads. */
export const IDENTITY_ENV_VARS = Object.keys(identityEnvSchema().shape);

/** web-bff as identity-service registers it. */
export interface WebBffClientConfig {
  secret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Where back-channel logout tokens are posted; undefined: none are sent. */
  backchannelLogoutUri: string | undefined;
}

export interface IdentityConfig {
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  issuer: string;
  /** Access and ID token lifetime. */
  tokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  adminSecret: string;
  webBff: WebBffClientConfig;
}

const DEVELOPMENT_SECRETS: ReadonlyArray<readonly ['IDENTITY_ADMIN_SECRET' | 'WEB_BFF_CLIENT_SECRET', string]> = [
  ['IDENTITY_ADMIN_SECRET', DEVELOPMENT_IDENTITY_ADMIN_SECRET],
  ['WEB_BFF_CLIENT_SECRET', DEVELOPMENT_WEB_BFF_CLIENT_SECRET],
];

export function loadIdentityConfig(env: Env): IdentityConfig {
  const vars = parseEnv(identityEnvSchema(), env);
  if (vars.NODE_ENV === 'production') {
    for (const [variable, developmentValue] of DEVELOPMENT_SECRETS) {
      if (vars[variable] === developmentValue) {
        throw new ConfigError(variable, 'is the public development secret; set a secret of your own in production');
      }
    }
  }
  return {
    environment: vars.NODE_ENV,
    host: vars.HOST,
    port: vars.PORT,
    issuer: vars.JWT_ISSUER,
    tokenTtlSeconds: vars.TOKEN_TTL_S,
    refreshTokenTtlSeconds: vars.REFRESH_TOKEN_TTL_S,
    sessionTtlSeconds: vars.SESSION_TTL_S,
    adminSecret: vars.IDENTITY_ADMIN_SECRET,
    webBff: {
      secret: vars.WEB_BFF_CLIENT_SECRET,
      redirectUris: vars.WEB_BFF_REDIRECT_URIS,
      postLogoutRedirectUris: vars.WEB_BFF_POST_LOGOUT_REDIRECT_URIS,
      backchannelLogoutUri: vars.WEB_BFF_BACKCHANNEL_LOGOUT_URI ?? undefined,
    },
  };
}
