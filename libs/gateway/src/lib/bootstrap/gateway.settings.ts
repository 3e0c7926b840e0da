import type { GatewayDefaults } from '@bff/config';
import type { OpenApiInfo } from '@bff/openapi';

/**
 * Everything one gateway decides for itself, stated in its app (`apps/<app>/src/<app>.settings.ts`)
 * and handed to `bootstrapGateway`: no shared lib keeps a table of gateways, so a new gateway is a
 * new folder under `apps/` (see docs/adding-a-gateway.md).
 */
export interface GatewaySettings {
  /** The defaults of its variables (`apps/<app>/src/gateway.defaults.json`): name, ports, audience, budgets, CORS. */
  defaults: GatewayDefaults;
  /** Its OpenAPI document's title, description and contract version. */
  openapi: OpenApiInfo;
  /** What differs between the gateways' HTTP faces. @default {} */
  http?: GatewayHttpOptions;
}

/** What differs between the gateways' HTTP faces. Compression is on for every gateway and has no switch here. */
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
  /**
   * An encrypted session cookie as well as bearer tokens (the BFF pattern for a single-page app):
   * `GatewayModule` wires the sessions, and the OpenAPI document describes the cookie and its CSRF header.
   * @default false
   */
  cookieSessions?: boolean;
}
