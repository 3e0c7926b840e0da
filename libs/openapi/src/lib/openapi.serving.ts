import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenApiDocumentOptions } from './openapi-document.options';

/**
 * Serves the app's OpenAPI document as Swagger UI at `/docs` and JSON at `/docs-json` (plain
 * Fastify routes: no guard, no token, no rate limit, like health), built from its controllers on
 * the first request for it and kept (see `buildOpenApiDocument`). @nestjs/swagger is loaded here,
 * not before: an app that serves no document never loads it. Before `listen`.
 */
export async function serveOpenApiDocs(nest: NestFastifyApplication, options: OpenApiDocumentOptions): Promise<void> {
  const { buildOpenApiDocument, serveOpenApiDocument } = await import('./openapi.document');
  serveOpenApiDocument(nest, options.info, () => buildOpenApiDocument(nest, options));
}
