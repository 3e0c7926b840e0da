export * from './lib/aggregation.module';
export type { AggregationOptions } from './lib/aggregation.options';
export * from './lib/composition';
export * from './lib/home.aggregator';
export * from './lib/order.aggregator';
export * from './lib/product.catalog';
export * from './lib/profile.aggregator';
