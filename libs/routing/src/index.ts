export * from './lib/forward-path.resolver';
export * from './lib/pass-through.errors';
export * from './lib/route-table.schema';
export * from './lib/routing.module';
