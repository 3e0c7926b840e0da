import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  buildEndSessionUrl,
  ClientSecretBasic,
  ClientSecretPost,
  Configuration,
  discovery,
  refreshTokenGrant,
  type TokenEndpointResponse,
  type TokenEndpointResponseHelpers,
  tokenRevocation,
} from 'openid-client';
import { providerFailure } from './oidc.errors';
import { WEB_SESSION_OPTIONS, type WebSessionOptions } from './web-session.options';

/** What the provider's token endpoint handed over, checked by openid-client. */
export interface ProviderTokens {
  accessToken: string;
  /** Seconds the access token lives (`expires_in`), when the provider says. */
  expiresIn?: number;
  refreshToken?: string;
  /** Seconds the refresh token lives, when the provider says (Keycloak's `refresh_expires_in`). */
  refreshExpiresIn?: number;
  idToken?: string;
  /** The validated ID token's claims web-bff keeps. */
  identity?: { sub: string; sid?: string; email?: string };
}

/** The provider's keys and issuer, for checking the logout tokens it sends. */
export interface ProviderKeys {
  issuer: string;
  keys: JWTVerifyGetKey;
  algorithms: string[];
}

const stringClaim = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * web-bff at its OpenID Provider, through openid-client (OpenID Certified): discovery (once, again after
 * a failure), the authorization URL, the code exchange with the client secret and the PKCE verifier
 * (state, nonce, issuer, ID token checked by openid-client), refresh, revocation (RFC 7009) and the
 * end-session URL. Every call waits at most `OIDC_TIMEOUT_MS`; failures come out as named errors
 * (`providerFailure`).
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private discovered: Promise<{ config: Configuration; keys: ProviderKeys }> | undefined;

  constructor(@Inject(WEB_SESSION_OPTIONS) private readonly options: WebSessionOptions) {}

  private get timeoutMs(): number {
    return this.options.oidc.timeoutMs;
  }

  /** Builds the redirect to the authorization endpoint: code flow, S256 PKCE, state and nonce. */
  async authorizationUrl(request: { redirectUri: string; state: string; nonce: string; codeChallenge: string }): Promise<URL> {
    const { config } = await this.provider();
    return buildAuthorizationUrl(config, {
      response_type: 'code',
      redirect_uri: request.redirectUri,
      scope: this.options.oidc.scopes,
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      ...this.resource(),
    });
  }

  /** Exchanges the code in `callbackUrl` (its path and origin: the redirect URI the sign-in used). */
  async exchangeCode(callbackUrl: URL, checks: { codeVerifier: string; state: string; nonce: string }): Promise<ProviderTokens> {
    const { config } = await this.provider();
    const tokens = await authorizationCodeGrant(
      config,
      callbackUrl,
      { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true },
      this.resource(),
    ).catch((error: unknown) => {
      throw providerFailure(error, this.timeoutMs);
    });
    return this.tokensOf(tokens);
  }

  /** @throws GrantRefusedError when the refresh token no longer works (`invalid_grant`) */
  async refresh(refreshToken: string): Promise<ProviderTokens> {
    const { config } = await this.provider();
    const tokens = await refreshTokenGrant(config, refreshToken, this.resource()).catch((error: unknown) => {
      throw providerFailure(error, this.timeoutMs);
    });
    return this.tokensOf(tokens);
  }

  /** Revokes a refresh token at the provider (RFC 7009); its whole grant ends with it where the provider does so. */
  async revoke(refreshToken: string): Promise<void> {
    const { config } = await this.provider();
    await tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' }).catch((error: unknown) => {
      throw providerFailure(error, this.timeoutMs);
    });
  }

  /** Where the browser signs out at the provider (RP-Initiated Logout), or undefined if it offers no end-session endpoint. */
  async endSessionUrl(request: { idTokenHint?: string; postLogoutRedirectUri?: string }): Promise<string | undefined> {
    const { config } = await this.provider();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return buildEndSessionUrl(config, {
      ...(request.idTokenHint ? { id_token_hint: request.idTokenHint } : {}),
      ...(request.postLogoutRedirectUri ? { post_logout_redirect_uri: request.postLogoutRedirectUri } : {}),
    }).href;
  }

  /** The issuer and keys logout tokens are checked with. */
  async logoutTokenKeys(): Promise<ProviderKeys> {
    return (await this.provider()).keys;
  }

  /** Discovery, once; a failed one is tried again on the next call rather than kept. */
  private provider(): Promise<{ config: Configuration; keys: ProviderKeys }> {
    if (!this.discovered) {
      this.discovered = this.discover().catch((error: unknown) => {
        this.discovered = undefined;
        const failure = providerFailure(error, this.timeoutMs);
        this.logger.warn(`OpenID Provider discovery failed: ${failure.message}`);
        throw failure;
      });
    }
    return this.discovered;
  }

  private async discover(): Promise<{ config: Configuration; keys: ProviderKeys }> {
    const { issuer, clientId, clientSecret } = this.options.oidc;
    const insecure = issuer.startsWith('http:');
    const found = await discovery(new URL(issuer), clientId, clientSecret, undefined, {
      timeout: this.timeoutMs / 1000,
      ...(insecure ? { execute: [allowInsecureRequests] } : {}),
    });
    const server = found.serverMetadata();
    // RFC 8414: a provider that names no methods takes client_secret_basic; otherwise prefer it when offered.
    const methods = server.token_endpoint_auth_methods_supported;
    const authentication = !methods || methods.includes('client_secret_basic') ? ClientSecretBasic(clientSecret) : ClientSecretPost(clientSecret);
    const config = new Configuration(server, clientId, clientSecret, authentication);
    config.timeout = this.timeoutMs / 1000;
    if (insecure) allowInsecureRequests(config);
    if (!server.jwks_uri) throw new Error('the provider’s discovery document names no jwks_uri');
    const keys: ProviderKeys = {
      issuer: server.issuer,
      keys: createRemoteJWKSet(new URL(server.jwks_uri), { timeoutDuration: this.timeoutMs, cooldownDuration: 10_000 }),
      algorithms: (server.id_token_signing_alg_values_supported ?? ['RS256']).filter((alg) => alg !== 'none' && !alg.startsWith('HS')),
    };
    this.logger.log(`OpenID Provider ${server.issuer} discovered`);
    return { config, keys };
  }

  private resource(): Record<string, string> {
    return this.options.oidc.resource ? { resource: this.options.oidc.resource } : {};
  }

  private tokensOf(response: TokenEndpointResponse & TokenEndpointResponseHelpers): ProviderTokens {
    const claims = response.claims();
    const sub = stringClaim(claims?.sub);
    const sid = stringClaim(claims?.['sid']);
    const email = stringClaim(claims?.['email']);
    const refreshExpiresIn = response['refresh_expires_in'];
    return {
      accessToken: response.access_token,
      ...(typeof response.expires_in === 'number' ? { expiresIn: response.expires_in } : {}),
      ...(response.refresh_token ? { refreshToken: response.refresh_token } : {}),
      ...(typeof refreshExpiresIn === 'number' && refreshExpiresIn > 0 ? { refreshExpiresIn } : {}),
      ...(response.id_token ? { idToken: response.id_token } : {}),
      ...(sub ? { identity: { sub, ...(sid ? { sid } : {}), ...(email ? { email } : {}) } } : {}),
    };
  }
}
