import { IS_PUBLIC, REQUIRED_ROLES, REQUIRED_SCOPES, SESSION_COOKIE } from '@bff/auth';
import { DEFAULT_PORTS, type GatewayAppName } from '@bff/config';
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ApiResponse,
  ApiSecurity,
  DECORATORS,
  DocumentBuilder,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type PathItemObject,
  SwaggerModule,
} from '@nestjs/swagger';
import type { GatewayHttpOptions } from './gateway-http.options';
import { NO_SERVICE_CALLS, PASS_THROUGH_EXTENSION } from './openapi.decorators';
import { API_ERROR_SCHEMA_NAME, namedSchemaObjects, schemaRef } from './openapi-schema.registry';

/** Where each gateway serves its document: the Swagger UI page, and the JSON that clients generate from. */
export const OPENAPI_UI_PATH = '/docs';
export const OPENAPI_JSON_PATH = '/docs-json';

interface DocumentInfo {
  title: string;
  /** The contract's own version (info.version): bump it with any change a client must adapt to. */
  version: string;
  description: string;
  /** The cookie session of the single-page app (as `GatewayModule.forRoot(config, { cookieSessions: true })`). */
  cookieSessions: boolean;
}

const DOCUMENTS: Record<GatewayAppName, DocumentInfo> = {
  'web-bff': {
    title: 'web-bff',
    version: '1',
    cookieSessions: true,
    description: [
      'The gateway of the web single-page app: full shapes for a big screen and a fast link.',
      '',
      'Authentication: a bearer token, or the cookie session that `POST /api/auth/login` starts (the browser never holds a token).',
      "With the cookie, every request that changes something (POST, PATCH, PUT, DELETE) also sends the session's `X-CSRF-Token`.",
      '',
      'Every error is an `ApiError`. A screen that answers 200 with `meta.degraded` naming parts is usable without those parts.',
    ].join('\n'),
  },
  'mobile-bff': {
    title: 'mobile-bff',
    version: '2',
    cookieSessions: false,
    description: [
      'The gateway of the mobile app: only the fields a phone screen shows, for a small screen and a slow or metered link.',
      '',
      'Versioned in the path: `/api/v1/...` and `/api/v2/...` side by side, and unversioned `/api/...` is v1 for the apps already in the field.',
      'v2 sends money as integer minor units with its currency (`{ amountMinor, currency }`); v1 as a decimal in major units.',
      '',
      'Every GET answered 200 carries an `ETag`; send it back in `If-None-Match` to get `304 Not Modified` without a body.',
      'Authentication: a bearer token. Every error is an `ApiError`.',
    ].join('\n'),
  },
};

const SAFE_METHODS = new Set([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

/** The answers any route of the API can give, whatever it does. */
const EVERY_ROUTE_ERRORS: Record<number, string> = {
  429: 'Too many requests from this caller; `Retry-After` says when to try again.',
  500: "An unexpected failure; the details are in the gateway's log under the request id.",
  503: 'The rate-limit store is unreachable (when failing closed), or this instance is shutting down; retry shortly.',
};
/** ... and those of a route that calls services. */
const SERVICE_CALL_ERRORS: Record<number, string> = {
  502: 'A service failed, or answered outside its contract.',
  503: "A service is unavailable for now (its circuit is open), the rate-limit store is unreachable, or this instance is shutting down; retry shortly.",
  504: 'A service did not answer in time.',
};
const MALFORMED_INPUT = 'Malformed input (a path parameter, the query, a header or the body); the message names each problem. Nothing reached a service.';

/**
 * The gateway's OpenAPI document, generated from its controllers (the `@Api*` decorators carry the
 * zod schemas the code validates and presents with), served as Swagger UI at `/docs` and as JSON
 * at `/docs-json`: outside `/api`, so without a token and without rate limits, like health.
 * Only the client API (`/api/...`) is in it; health is for load balancers.
 *
 * What every route shares is derived here rather than written on each: the security of each route
 * (from `@Public()`, `@Scopes()`, `@Roles()`, and the CSRF header of cookie sessions), 401/403,
 * 429, the 5xx answers, 400 wherever the client sends input, and on a gateway with conditional
 * GETs the `If-None-Match` header and 304. Keys are sorted, so that the document is stable.
 *
 * Call after the global prefix and versioning are set, before `listen`.
 */
export function serveOpenApiDocs(nest: NestFastifyApplication, app: GatewayAppName, http: GatewayHttpOptions): OpenAPIObject {
  const info = DOCUMENTS[app];
  describeAccess(nest, info.cookieSessions);
  const builder = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The gateway that serves this document')
    .addServer(`http://localhost:${DEFAULT_PORTS[app]}`, 'npm start on a developer machine')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from the identity provider (`npm run token` in development).' }, 'bearer');
  if (info.cookieSessions) {
    builder
      .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', description: 'The HttpOnly session cookie that `POST /api/auth/login` sets.' }, 'session')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: "The session's CSRF token (`csrfToken` of the login answer and of `GET /api/auth/session`)." }, 'csrf');
  }
  const scanned = SwaggerModule.createDocument(nest, builder.build(), { operationIdFactory });
  const document = sortedKeys(finish(scanned, http)) as OpenAPIObject;
  SwaggerModule.setup(OPENAPI_UI_PATH, nest, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: `${info.title} API`,
  });
  return document;
}

/**
 * `listOrders`; on a versioned gateway `listOrders_v2`, with the `V2` of a per-version handler
 * name dropped (the unversioned alias of v1 is plain `listOrders`).
 */
function operationIdFactory(_controller: string, method: string, version?: string): string {
  const base = method.replace(/\[\d+\]$/, '').replace(/V\d+$/, '');
  return version ? `${base}_${version}` : base;
}

/**
 * Documents each route's access as the guards enforce it, by reading the same metadata they read.
 * A public route names no security and no 401; every other route accepts a bearer token (or the
 * cookie session, with the CSRF header when it changes something).
 */
function describeAccess(nest: NestFastifyApplication, cookieSessions: boolean): void {
  for (const controller of controllersOf(nest)) {
    // The decorators below add to the class's metadata: once per class, however many apps a process builds.
    if (described.has(controller)) continue;
    described.add(controller);
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype).filter((key) => key !== 'constructor')) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      const handler = descriptor?.value as unknown;
      if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const metadata = <T>(key: string) => (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
      const decorate = (decorator: MethodDecorator) => decorator(prototype, name, descriptor as PropertyDescriptor);

      const callsServices = !metadata<boolean>(NO_SERVICE_CALLS);
      const errors = { ...EVERY_ROUTE_ERRORS, ...(callsServices ? SERVICE_CALL_ERRORS : {}) };
      if (!metadata<boolean>(IS_PUBLIC)) {
        const changes = !SAFE_METHODS.has(method);
        decorate(ApiSecurity('bearer'));
        if (cookieSessions) decorate(ApiSecurity(changes ? { session: [], csrf: [] } : { session: [] }));
        errors[401] = 'No credentials, or a token or session that is invalid or has expired (`WWW-Authenticate` says which).';
        const forbidden = [
          ...(metadata<string[]>(REQUIRED_SCOPES)?.length ? [`the token lacks a scope this route needs (all of: ${metadata<string[]>(REQUIRED_SCOPES)?.join(', ')})`] : []),
          ...(metadata<string[]>(REQUIRED_ROLES)?.length ? [`the caller has none of the roles this route needs (${metadata<string[]>(REQUIRED_ROLES)?.join(', ')})`] : []),
          ...(cookieSessions && changes ? ["a cookie-session request came without the session's `X-CSRF-Token`"] : []),
        ];
        if (forbidden.length > 0) errors[403] = `Forbidden: ${forbidden.join('; or ')}.`;
      }
      const documented = (Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) as Record<string, unknown>;
      for (const [status, description] of Object.entries(errors)) {
        // An error the route documents itself keeps its own wording.
        if (!(status in documented)) decorate(ApiResponse({ status: Number(status), description, schema: schemaRef(API_ERROR_SCHEMA_NAME) }));
      }
    }
  }
}

const described = new WeakSet<Type<unknown>>();

function controllersOf(nest: NestFastifyApplication): Array<Type<unknown>> {
  const controllers = new Set<Type<unknown>>();
  for (const module of nest.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      if (wrapper.metatype) controllers.add(wrapper.metatype as Type<unknown>);
    }
  }
  return [...controllers];
}

/** The scanned document, narrowed to the client API and completed with what every route shares. */
function finish(scanned: OpenAPIObject, http: GatewayHttpOptions): OpenAPIObject {
  const paths = Object.fromEntries(Object.entries(scanned.paths).filter(([path]) => path === '/api' || path.startsWith('/api/')));
  for (const item of Object.values(paths)) {
    for (const [method, operation] of operationsOf(item)) {
      const takesInput = operation.requestBody !== undefined || (operation.parameters?.length ?? 0) > 0;
      // A public route says so (no security at all), rather than leaving it to a reader to infer.
      operation.security ??= [];
      if (takesInput && !operation.responses['400']) {
        operation.responses['400'] = { description: MALFORMED_INPUT, content: { 'application/json': { schema: schemaRef(API_ERROR_SCHEMA_NAME) } } };
      }
      // A pass-through streams the service's answer: no ETag of its own.
      if (http.conditionalGets && method === 'get' && !(PASS_THROUGH_EXTENSION in operation)) addConditionalGet(operation);
    }
  }
  const schemas = { ...scanned.components?.schemas, ...namedSchemaObjects() };
  return { ...scanned, paths, components: { ...scanned.components, schemas: referencedOnly(schemas, paths) } };
}

/** The named schemas that the paths use, directly or through each other (the registry holds every schema the app named). */
function referencedOnly<T>(schemas: Record<string, T>, paths: unknown): Record<string, T> {
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const name = key === '$ref' && typeof child === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(child)?.[1] : undefined;
      if (name !== undefined && !used.has(name)) {
        used.add(name);
        visit(schemas[name]);
      } else visit(child);
    }
  };
  visit(paths);
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
}

function addConditionalGet(operation: OperationObject): void {
  const ifNoneMatch: ParameterObject = {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'The `ETag` of a 200 this client already has: answered 304 without a body when it is still current.',
    schema: { type: 'string' },
  };
  operation.parameters = [...(operation.parameters ?? []), ifNoneMatch];
  operation.responses['304'] = { description: 'Not Modified: the representation named in `If-None-Match` is still current.' };
  const ok = operation.responses['200'];
  if (ok && !('$ref' in ok)) {
    ok.headers = { ...ok.headers, ETag: { description: 'A weak validator of this body; send it back in `If-None-Match`.', schema: { type: 'string' } } };
  }
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function operationsOf(item: PathItemObject): Array<[string, OperationObject]> {
  return HTTP_METHODS.flatMap((method) => (item[method] ? [[method, item[method]] as [string, OperationObject]] : []));
}

/** Object keys sorted at every level (arrays keep their order), so that the document is stable. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}
