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
  type SecurityRequirementObject,
  type SecuritySchemeObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { finishDocument } from './openapi-document.finish';
import { API_ERROR_SCHEMA_NAME, schemaRef } from './openapi-schema.registry';

/** Where each gateway serves its document: the Swagger UI page, and the JSON that clients generate from. */
export const OPENAPI_UI_PATH = '/docs';
export const OPENAPI_JSON_PATH = '/docs-json';

/** The document's `info`: what the API is, and the version of its contract. */
export interface OpenApiInfo {
  title: string;
  /** The contract's own version (`info.version`): bump it with any change a client must adapt to. */
  version: string;
  /** Markdown: who the API is for, how it authenticates, how its errors look. */
  description: string;
}

/** A route as the document sees it, for `describeRoute`. */
export interface DocumentedRoute {
  method: RequestMethod;
  /** The route's metadata under `key`: the handler's, else its controller's. */
  metadata<T>(key: string): T | undefined;
}

/** What a route's operation gets besides what its own decorators say. */
export interface RouteDocumentation {
  /** Its security requirements, in order (none: a public route, documented as `security: []`). */
  security: SecurityRequirementObject[];
  /** Errors it can answer, by status; one the route documents itself keeps its own wording. */
  errors: Record<number, string>;
}

export interface OpenApiDocumentOptions {
  info: OpenApiInfo;
  /** `servers`, after `/` (the server that serves the document). @default [] */
  servers?: Array<{ url: string; description: string }>;
  /** `components.securitySchemes`, by name. @default {} */
  securitySchemes?: Record<string, SecuritySchemeObject>;
  /** What every route shares, derived from its metadata (the same the guards read), rather than written on each. */
  describeRoute?: (route: DocumentedRoute) => RouteDocumentation;
  /** `If-None-Match`, 304 and the 200's `ETag` on every GET except the pass-through ones. @default false */
  conditionalGets?: boolean;
  /** Only the paths under this prefix are documented. @default '/api' */
  pathPrefix?: string;
}

/**
 * Builds the app's OpenAPI document from its controllers (the `@Api*` and `@Valid*` decorators carry
 * the zod schemas the code validates and presents with), completed with what `describeRoute` says
 * of every route, 400 wherever a client sends input, 415 wherever it sends a JSON body, and
 * the named schemas the paths use; keys sorted, so that the document is stable.
 *
 * Call after the global prefix and versioning are set, before `listen`.
 */
export function buildOpenApiDocument(nest: NestFastifyApplication, options: OpenApiDocumentOptions): OpenAPIObject {
  if (options.describeRoute) describeRoutes(nest, options.describeRoute);
  const builder = new DocumentBuilder()
    .setTitle(options.info.title)
    .setDescription(options.info.description)
    .setVersion(options.info.version)
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The gateway that serves this document');
  for (const server of options.servers ?? []) builder.addServer(server.url, server.description);
  for (const [name, scheme] of Object.entries(options.securitySchemes ?? {})) builder.addSecurity(name, scheme);
  const scanned = SwaggerModule.createDocument(nest, builder.build(), { operationIdFactory });
  return finishDocument(scanned, { pathPrefix: options.pathPrefix ?? '/api', conditionalGets: options.conditionalGets ?? false });
}

/**
 * Serves `document` as Swagger UI at `/docs` and as JSON at `/docs-json`: plain Fastify routes, so
 * no guard runs on them (no token, no rate limit), like health. Before `listen`.
 */
export function serveOpenApiDocument(nest: NestFastifyApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, nest, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: `${document.info.title} API`,
  });
}

/**
 * `listOrders`; on a versioned gateway `listOrders_v2`, with the `V2` of a per-version handler
 * name dropped (the unversioned alias of v1 is plain `listOrders`).
 */
function operationIdFactory(_controller: string, method: string, version?: string): string {
  const base = method.replace(/\[\d+\]$/, '').replace(/V\d+$/, '');
  return version ? `${base}_${version}` : base;
}

const described = new WeakSet<Type<unknown>>();

/** Adds each route's security and shared errors to its operation, through the Swagger decorators. */
function describeRoutes(nest: NestFastifyApplication, describeRoute: (route: DocumentedRoute) => RouteDocumentation): void {
  for (const controller of controllersOf(nest)) {
    // The decorators below add to the class's metadata: once per class, however many apps a process builds.
    if (described.has(controller)) continue;
    described.add(controller);
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype).filter((key) => key !== 'constructor')) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      const handler = descriptor?.value as unknown;
      if (!descriptor || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const route: DocumentedRoute = {
        method: Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod,
        metadata: <T>(key: string) => (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined,
      };
      const { security, errors } = describeRoute(route);
      const decorate = (decorator: MethodDecorator) => decorator(prototype, name, descriptor);
      for (const requirement of security) decorate(ApiSecurity(requirement));
      const documented = (Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) as Record<string, unknown>;
      for (const [status, description] of Object.entries(errors)) {
        if (!(status in documented)) decorate(ApiResponse({ status: Number(status), description, schema: schemaRef(API_ERROR_SCHEMA_NAME) }));
      }
    }
  }
}

function controllersOf(nest: NestFastifyApplication): Array<Type<unknown>> {
  const controllers = new Set<Type<unknown>>();
  for (const module of nest.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      if (wrapper.metatype) controllers.add(wrapper.metatype as Type<unknown>);
    }
  }
  return [...controllers];
}
