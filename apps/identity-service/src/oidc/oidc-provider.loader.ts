import type * as OidcProvider from 'oidc-provider';

export type OidcProviderModule = typeof OidcProvider;

/**
 * oidc-provider is an ES module (Node 20.19+ requires it natively). It is loaded when the provider is
 * built rather than when main.ts is, so that a configuration error stops the app before the library
 * prints anything of its own (it warns about the Node version at import).
 */
export function loadOidcProvider(): Promise<OidcProviderModule> {
  return import('oidc-provider');
}
