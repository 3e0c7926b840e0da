/**
 * What differs between the gateways' HTTP faces, decided by each app's `main.ts`.
 * Compression (see RESPONSE_COMPRESSION) is on for every gateway and has no switch here.
 */
export interface GatewayHttpOptions {
  /**
   * NestJS URI versioning: a controller or handler that declares `version: '2'` answers under
   * `/api/v2/...`, one that declares `VERSION_NEUTRAL` under `/api/...`. Routes that declare no
   * version (health, and every route of a gateway without versioning) stay where they are.
   * @default false
   */
  uriVersioning?: boolean;
  /**
   * `ETag` on every GET answered 200 and `304 Not Modified` on a matching `If-None-Match`, with
   * `Cache-Control: private, no-cache` for signed-in users (see addConditionalGets).
   * @default false
   */
  conditionalGets?: boolean;
}
