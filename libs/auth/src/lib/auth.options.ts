import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { TokenPolicyOptions } from './token-policy.options';

export interface AuthOptions extends TokenPolicyOptions {
  /**
   * Where the identity provider publishes its public keys. When set, tokens are verified with them
   * (RS256 or ES256 only); when unset, with `secret` (HS256 only).
   */
  jwksUri?: string;
  /** HS256 secret shared with the token issuer, at least 32 characters; used when `jwksUri` is not set. */
  secret?: string;
  /** Required `iss` claim. */
  issuer: string;
  /** Required `aud` claim: the client this gateway serves (`web`, `mobile`). */
  audience: string;
  /**
   * Seconds of clock skew allowed when checking `exp` and `nbf`.
   * @default 30
   */
  clockToleranceSeconds?: number;
  /**
   * Accept web-bff's session cookie as well as bearer tokens (with a CSRF token on state-changing
   * requests), and seal the values it hands the browser with `secret`. Leave unset for clients that
   * use bearer tokens only.
   */
  sessions?: { secret: string };
}

export const { ConfigurableModuleClass: AuthConfigurableModule, MODULE_OPTIONS_TOKEN: AUTH_OPTIONS } =
  new ConfigurableModuleBuilder<AuthOptions>().setClassMethodName('forRoot').build();
