export * from './lib/openapi.decorators';
export * from './lib/openapi.document';
export { apiErrorSchema, API_ERROR_SCHEMA_NAME } from './lib/openapi-schema.registry';
export * from './lib/pass-through.documentation';
export * from './lib/validated-input.decorators';
