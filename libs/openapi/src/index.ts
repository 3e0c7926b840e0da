// Nothing here loads @nestjs/swagger: the decorators queue what they document, and
// serveOpenApiDocs loads openapi.document (and swagger) only for an app that serves a document.
export * from './lib/openapi.decorators';
export * from './lib/openapi-document.options';
export * from './lib/openapi.serving';
export { apiErrorSchema, API_ERROR_SCHEMA_NAME } from './lib/openapi-schema.registry';
export * from './lib/pass-through.documentation';
export * from './lib/validated-input.decorators';
