export * from './lib/aggregation.module';
export * from './lib/order.aggregator';
export * from './lib/profile.aggregator';
