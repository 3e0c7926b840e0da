import { DEV_CLI_REDIRECT_URI, type IdentityConfig, OIDC_CLIENT_IDS, OIDC_RESOURCES } from '@bff/config';
import type { ClientMetadata } from 'oidc-provider';

/** The mobile app's redirect URIs: a private-use scheme of a reverse domain name (RFC 8252 §7.1). */
export const MOBILE_APP_REDIRECT_URI = 'com.example.bff:/oauth/callback';
export const MOBILE_APP_POST_LOGOUT_REDIRECT_URI = 'com.example.bff:/oauth/logout';

export type ResourceName = keyof typeof OIDC_RESOURCES;

/** The audiences each client may get access tokens for; the first is its default. */
export const CLIENT_RESOURCES: Readonly<Record<string, readonly ResourceName[]>> = {
  [OIDC_CLIENT_IDS.webBff]: ['web'],
  [OIDC_CLIENT_IDS.mobileApp]: ['mobile'],
  [OIDC_CLIENT_IDS.devCli]: ['web', 'mobile'],
};

const codeFlow = {
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  id_token_signed_response_alg: 'RS256',
} satisfies Partial<ClientMetadata>;

/**
 * The system's own clients. web-bff is confidential (its secret never leaves the server) and is told of
 * logouts over the back channel; the mobile app and the CLI are public native clients (RFC 8252), so
 * PKCE is all that binds their codes to them.
 */
export function oidcClients(config: IdentityConfig): ClientMetadata[] {
  const { webBff } = config;
  return [
    {
      ...codeFlow,
      client_id: OIDC_CLIENT_IDS.webBff,
      client_name: 'Web shop',
      client_secret: webBff.secret,
      application_type: 'web',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: webBff.redirectUris,
      post_logout_redirect_uris: webBff.postLogoutRedirectUris,
      ...(webBff.backchannelLogoutUri === undefined
        ? {}
        : { backchannel_logout_uri: webBff.backchannelLogoutUri, backchannel_logout_session_required: true }),
    },
    {
      ...codeFlow,
      client_id: OIDC_CLIENT_IDS.mobileApp,
      client_name: 'Mobile app',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: [MOBILE_APP_REDIRECT_URI],
      post_logout_redirect_uris: [MOBILE_APP_POST_LOGOUT_REDIRECT_URI],
    },
    {
      ...codeFlow,
      client_id: OIDC_CLIENT_IDS.devCli,
      client_name: 'Development CLI',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: [DEV_CLI_REDIRECT_URI],
    },
  ];
}
