import type { OidcClientConfig } from '@bff/config';
import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface WebSessionOptions {
  /** The provider and web-bff's registration there (`OIDC_*`). */
  oidc: OidcClientConfig;
  /**
   * Origins the web app is served from: `returnTo` may only lead there, and the first is where a sign-in
   * that failed before anything else was known lands. Empty: only paths of web-bff's own origin.
   */
  appOrigins: string[];
  /**
   * A session's longest life, in seconds; it ends sooner when its refresh token does.
   * @default 1209600 (14 days)
   */
  sessionTtlSeconds?: number;
  /**
   * Sessions in Redis, shared by every instance (logout and back-channel logout take effect on all of
   * them at once). Unset: in this process's memory, for a single instance.
   */
  redis?: { url: string; keyPrefix: string; timeoutMs: number };
}

export const { ConfigurableModuleClass: WebSessionConfigurableModule, MODULE_OPTIONS_TOKEN: WEB_SESSION_OPTIONS } =
  new ConfigurableModuleBuilder<WebSessionOptions>().setClassMethodName('forRoot').build();
