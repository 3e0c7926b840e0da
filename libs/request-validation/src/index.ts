export * from './lib/query-params.schema';
export * from './lib/zod-validation.pipe';
export * from './lib/validated-header.decorator';
export { readableMessage } from './lib/readable.messages';
