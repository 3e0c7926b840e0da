import { API_SCOPES, type IdentityConfig, OIDC_RESOURCES } from '@bff/config';
import type { Client, Configuration, KoaContextWithOIDC, ResourceServer } from 'oidc-provider';
import { CLIENT_RESOURCES, type ResourceName } from './oidc.clients';

type ResourceIndicatorsFeature = NonNullable<NonNullable<Configuration['features']>['resourceIndicators']>;

const byIndicator = new Map<string, ResourceName>(
  (Object.keys(OIDC_RESOURCES) as ResourceName[]).map((name) => [OIDC_RESOURCES[name].indicator, name]),
);

/** The resource indicators a client may ask for, its default first. */
export function resourcesOf(clientId: string): string[] {
  return (CLIENT_RESOURCES[clientId] ?? []).map((name) => OIDC_RESOURCES[name].indicator);
}

/**
 * RFC 8707 resource indicators decide the access token's audience: `urn:bff:web` gives `aud: web`,
 * `urn:bff:mobile` gives `aud: mobile`, each token a JWT (RFC 9068) with the API scopes the client asked
 * for. `InvalidTarget` for an indicator the client is not allowed (the mobile app cannot get a web token).
 */
export function resourceIndicators(config: IdentityConfig, invalidTarget: () => Error): ResourceIndicatorsFeature {
  return {
    enabled: true,
    // No `resource` in the request: the client's own audience. At the token endpoint, of several granted: the first.
    defaultResource: async (_ctx: KoaContextWithOIDC, client: Client, oneOf?: readonly string[]) => oneOf?.[0] ?? resourcesOf(client.clientId)[0],
    // A code or refresh token for one audience gives a token for it without `resource` at the token endpoint.
    useGrantedResource: async () => true,
    getResourceServerInfo: async (_ctx: KoaContextWithOIDC, indicator: string, client: Client): Promise<ResourceServer> => {
      const name = byIndicator.get(indicator);
      if (name === undefined || !resourcesOf(client.clientId).includes(indicator)) throw invalidTarget();
      return {
        scope: API_SCOPES.join(' '),
        audience: OIDC_RESOURCES[name].audience,
        accessTokenTTL: config.tokenTtlSeconds,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      };
    },
  };
}
