import type { IdentityConfig } from '@bff/config';
import type { Configuration, JWK } from 'oidc-provider';
import type { AccountStore } from '../accounts/account.store';
import type { PrivateJwk } from '../keys/signing-key';
import { loadFirstPartyGrant, OIDC_SCOPES } from './first-party.grant';
import { type MemoryStore, memoryAdapterOf } from './memory.store';
import { oidcClients } from './oidc.clients';
import type { OidcProviderModule } from './oidc-provider.loader';
import { logoutSource, postLogoutSuccessSource, renderError } from './provider.pages';
import { resourceIndicators } from './resource.indicators';

/** Where the provider's endpoints are, relative to the issuer (see the README's table). */
export const OIDC_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  revocation: '/oauth/revoke',
  introspection: '/oauth/introspect',
  end_session: '/oauth/logout',
  userinfo: '/oauth/userinfo',
  pushed_authorization_request: '/oauth/par',
  // Served by JwksController from the key store (with its cache header and retirement), never by the provider.
  jwks: '/.well-known/jwks.json',
} as const;

/**
 * The provider's only outgoing calls here are back-channel logouts, to URIs this service's own
 * configuration names (no client registers itself). oidc-provider's default fetch refuses private and
 * loopback addresses, which is where a gateway lives (a cluster IP, 127.0.0.1 in tests); this one
 * calls exactly the configured URIs and refuses every other.
 */
function backchannelOnlyFetch(config: IdentityConfig): NonNullable<Configuration['fetch']> {
  const allowed = new Set([config.webBff.backchannelLogoutUri].flatMap((uri) => (uri === undefined ? [] : [new URL(uri).href])));
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!allowed.has(url)) throw new Error(`refused an outgoing request to ${url}: only the configured back-channel logout URIs are called`);
    // The library's SSRF-guarding dispatcher would refuse the gateway's private address; the URL is ours.
    const options: RequestInit & { dispatcher?: unknown } = { ...init };
    delete options.dispatcher;
    return fetch(url, options);
  };
}

/** How long a sign-in page may stay open before the user must start again from the app. */
const INTERACTION_TTL_S = 10 * 60;
/** RFC 6749 §4.1.2 recommends at most 10 minutes; a code is exchanged at once. */
const AUTHORIZATION_CODE_TTL_S = 60;

export interface ProviderDependencies {
  config: IdentityConfig;
  accounts: AccountStore;
  store: MemoryStore;
  /** Signing keys, the one that signs first. */
  jwks: PrivateJwk[];
  /** Signs the provider's cookies; the same across provider rebuilds, so that sessions survive a key rotation. */
  cookieKeys: string[];
  oidc: OidcProviderModule;
}

/**
 * oidc-provider's configuration. Every helper the library says a deployment MUST or SHOULD replace is
 * replaced (it logs a notice for each default it runs), and every choice the contract in the README
 * states is made here: code flow only, PKCE S256 for every client, JWT access tokens per audience,
 * refresh tokens rotated on every use and bound to the session, back-channel logout, no consent screen.
 */
export function providerConfiguration({ config, accounts, store, jwks, cookieKeys, oidc }: ProviderDependencies): Configuration {
  const { errors } = oidc;
  return {
    adapter: memoryAdapterOf(store),
    clients: oidcClients(config),
    jwks: { keys: jwks.map((jwk): JWK => ({ ...jwk })) },
    routes: OIDC_ROUTES,
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    responseTypes: ['code'],
    scopes: [...OIDC_SCOPES],
    claims: { openid: ['sub', 'auth_time', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    // The ID token carries the scopes' claims itself, so that a client needs no userinfo call.
    conformIdTokenClaims: false,
    subjectTypes: ['public'],
    clientAuthMethods: ['client_secret_basic', 'none'],
    enabledJWA: { idTokenSigningAlgValues: ['RS256'], userinfoSigningAlgValues: ['RS256'], introspectionSigningAlgValues: ['RS256'] },
    pkce: { required: () => true },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: config.tokenTtlSeconds,
      IdToken: config.tokenTtlSeconds,
      RefreshToken: config.refreshTokenTtlSeconds,
      Session: config.sessionTtlSeconds,
      Grant: config.sessionTtlSeconds,
      Interaction: INTERACTION_TTL_S,
      AuthorizationCode: AUTHORIZATION_CODE_TTL_S,
    },
    // Every use spends the token and hands out a new one; a spent one presented again revokes the grant.
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Codes and refresh tokens end with the provider's session: signing out there ends them everywhere.
    expiresWithSession: async () => true,
    loadExistingGrant: loadFirstPartyGrant,
    findAccount: async (_ctx, sub) => {
      const account = accounts.byId(sub);
      if (!account) return undefined;
      return {
        accountId: account.id,
        claims: () => ({ sub: account.id, email: account.email, email_verified: true, name: account.name }),
      };
    },
    // The claims the gateways read beside sub and scope, as the tokens of POST /auth/token carry them.
    extraTokenClaims: async (_ctx, token) => {
      const account = 'accountId' in token && typeof token.accountId === 'string' ? accounts.byId(token.accountId) : undefined;
      return account ? { email: account.email, roles: account.roles } : undefined;
    },
    renderError,
    fetch: backchannelOnlyFetch(config),
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: resourceIndicators(config, () => new errors.InvalidTarget()),
      revocation: {
        enabled: true,
        // RFC 7009 §2.1: only the client a token was issued to may revoke it.
        allowedPolicy: async (_ctx, client, token) => {
          if (token.clientId === client.clientId) return true;
          if (client.clientAuthMethod === 'none') return false;
          throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
        },
      },
      introspection: {
        enabled: true,
        // Public clients learn nothing; a confidential client, only about its own tokens.
        allowedPolicy: async (_ctx, client, token) => client.clientAuthMethod !== 'none' && token.clientId === client.clientId,
      },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      userinfo: { enabled: true },
    },
  };
}
