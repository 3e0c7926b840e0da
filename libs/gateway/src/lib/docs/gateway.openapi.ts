import { IS_PUBLIC, REQUIRED_ROLES, REQUIRED_SCOPES, SESSION_COOKIE } from '@bff/auth';
import type { GatewayConfig } from '@bff/config';
import { type DocumentedRoute, NO_SERVICE_CALLS, type RouteDocumentation, serveOpenApiDocs } from '@bff/openapi';
import { RequestMethod } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { SecurityRequirementObject, SecuritySchemeObject } from '@nestjs/swagger';
import type { GatewaySettings } from '../bootstrap/gateway.settings';

const SAFE_METHODS = new Set([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

/** The answers any route of the API can give, whatever it does. */
const EVERY_ROUTE_ERRORS: Record<number, string> = {
  429: 'Too many requests from this caller; `Retry-After` says when to try again.',
  500: "An unexpected failure; the details are in the gateway's log under the request id.",
  503: 'The gateway is at capacity (it could not answer within the deadline), the rate-limit store is unreachable (when failing closed), or this instance is shutting down; retry after `Retry-After`.',
};
/** ... and those of a route that calls services. */
const SERVICE_CALL_ERRORS: Record<number, string> = {
  502: 'A service failed, or answered outside its contract.',
  503: "A service is unavailable for now (its circuit is open), the gateway is at capacity, the rate-limit store is unreachable, or this instance is shutting down; retry after `Retry-After`.",
  504: 'A service did not answer in time.',
};

const BEARER: SecuritySchemeObject = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: 'An access token from the identity provider (`npm run token` in development).',
};
const SESSION: SecuritySchemeObject = { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The HttpOnly session cookie that `POST /api/auth/login` sets.' };
const CSRF: SecuritySchemeObject = {
  type: 'apiKey',
  in: 'header',
  name: 'X-CSRF-Token',
  description: "The session's CSRF token (`csrfToken` of the login answer and of `GET /api/auth/session`).",
};

/**
 * What every route shares, read from the metadata the guards read: a public route names no
 * security and no 401; every other route accepts a bearer token (or, with cookie sessions, the
 * session, with the CSRF header when it changes something), answers 401, and 403 when it needs
 * scopes, roles or the CSRF header; 429 and the 5xx always, 502 and 504 unless it calls no service.
 */
function routeDocumentation(cookieSessions: boolean) {
  return (route: DocumentedRoute): RouteDocumentation => {
    const errors = { ...EVERY_ROUTE_ERRORS, ...(route.metadata<boolean>(NO_SERVICE_CALLS) ? {} : SERVICE_CALL_ERRORS) };
    if (route.metadata<boolean>(IS_PUBLIC)) return { security: [], errors };
    const changes = !SAFE_METHODS.has(route.method);
    const scopes = route.metadata<string[]>(REQUIRED_SCOPES) ?? [];
    const roles = route.metadata<string[]>(REQUIRED_ROLES) ?? [];
    errors[401] = 'No credentials, or a token or session that is invalid or has expired (`WWW-Authenticate` says which).';
    const forbidden = [
      ...(scopes.length > 0 ? [`the token lacks a scope this route needs (all of: ${scopes.join(', ')})`] : []),
      ...(roles.length > 0 ? [`the caller has none of the roles this route needs (${roles.join(', ')})`] : []),
      ...(cookieSessions && changes ? ["a cookie-session request came without the session's `X-CSRF-Token`"] : []),
    ];
    if (forbidden.length > 0) errors[403] = `Forbidden: ${forbidden.join('; or ')}.`;
    const security: SecurityRequirementObject[] = [{ bearer: [] }, ...(cookieSessions ? [changes ? { session: [], csrf: [] } : { session: [] }] : [])];
    return { security, errors };
  };
}

/**
 * The gateway's OpenAPI document (title, description and version from its settings), served as
 * Swagger UI at `/docs` and JSON at `/docs-json` when `config.openApiDocs` (OPENAPI_DOCS; off in
 * production unless turned on). Only the client API (`/api/...`) is in it; health is for load
 * balancers. Call after the global prefix and versioning are set, before `listen`. Without
 * documents, @nestjs/swagger is never loaded; with them, the document is built on its first request.
 */
export async function serveGatewayDocs(nest: NestFastifyApplication, settings: GatewaySettings, config: GatewayConfig): Promise<void> {
  if (!config.openApiDocs) return;
  const cookieSessions = settings.http?.cookieSessions ?? false;
  await serveOpenApiDocs(nest, {
    info: settings.openapi,
    servers: [{ url: `http://localhost:${settings.defaults.port}`, description: 'npm start on a developer machine' }],
    securitySchemes: { bearer: BEARER, ...(cookieSessions ? { session: SESSION, csrf: CSRF } : {}) },
    describeRoute: routeDocumentation(cookieSessions),
    conditionalGets: settings.http?.conditionalGets ?? false,
  });
}
