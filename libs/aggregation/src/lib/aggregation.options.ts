import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface AggregationOptions {
  /**
   * How long a product from the catalog stays fresh, in ms. Older ones are revalidated; when the
   * catalog cannot answer they are served stale (and the response says so). 0 turns the cache off.
   * @default 30000
   */
  catalogCacheTtlMs: number;
  /**
   * The secret page cursors are authenticated with (an HMAC key is derived from it), at least 32
   * characters and the same on every instance of a gateway: the gateway configuration's
   * `cursor.secret` (CURSOR_SECRET, else SESSION_SECRET).
   */
  cursorSecret: string;
}

export const { ConfigurableModuleClass: AggregationConfigurableModule, MODULE_OPTIONS_TOKEN: AGGREGATION_OPTIONS } =
  new ConfigurableModuleBuilder<AggregationOptions>().setClassMethodName('forRoot').build();
