export * from './lib/aggregation.module';
export * from './lib/profile.aggregator';
