import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface AuthOptions {
  /** HS256 secret shared with the token issuer; at least 32 characters. */
  secret: string;
  /** Required `iss` claim. */
  issuer: string;
  /** Required `aud` claim: the client this gateway serves (`web`, `mobile`). */
  audience: string;
  /**
   * Seconds of clock skew allowed when checking `exp` and `nbf`.
   * @default 30
   */
  clockToleranceSeconds?: number;
}

export const { ConfigurableModuleClass: AuthConfigurableModule, MODULE_OPTIONS_TOKEN: AUTH_OPTIONS } =
  new ConfigurableModuleBuilder<AuthOptions>().setClassMethodName('forRoot').build();
