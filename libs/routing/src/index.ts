export * from './lib/forward-path.resolver';
export { DEFAULT_FORWARDED_HEADERS, forwardedHeaderProblem } from './lib/forwarded.headers';
export * from './lib/pass-through.errors';
export type { RoutePattern } from './lib/route-path.pattern';
export * from './lib/route-table.schema';
export * from './lib/routing.module';
