import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as swagger from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { finishDocument } from './openapi-document.finish';
import { OPENAPI_JSON_PATH, OPENAPI_UI_PATH, type DocumentedRoute, type OpenApiDocumentOptions, type OpenApiInfo, type RouteDocumentation } from './openapi-document.options';
import { API_ERROR_SCHEMA_NAME, schemaRef } from './openapi-schema.registry';
import { applyQueuedSwaggerDecorators } from './swagger-decorator.queue';

const { ApiResponse, ApiSecurity, DECORATORS, DocumentBuilder, SwaggerModule } = swagger;

/**
 * Builds the app's OpenAPI document from its controllers (the `@Api*` and `@Valid*` decorators carry
 * the zod schemas the code validates and presents with), completed with what `describeRoute` says
 * of every route, 400 wherever a client sends input, 415 wherever it sends a JSON body, and
 * the named schemas the paths use; keys sorted, so that the document is stable.
 *
 * Call after the global prefix and versioning are set (a built document is the same before and
 * after `listen`). Applies the `@Api*` decorators queued so far (swagger-decorator.queue.ts).
 */
export function buildOpenApiDocument(nest: NestFastifyApplication, options: OpenApiDocumentOptions): OpenAPIObject {
  applyQueuedSwaggerDecorators(swagger);
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
 * no guard runs on them (no token, no rate limit), like health. Given a function, the document is
 * built on the first request for it, and kept. Before `listen`.
 */
export function serveOpenApiDocument(nest: NestFastifyApplication, info: OpenApiInfo, document: OpenAPIObject | (() => OpenAPIObject)): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, nest, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: `${info.title} API`,
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
