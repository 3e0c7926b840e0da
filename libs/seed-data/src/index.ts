export * from './lib/order.seed';
export * from './lib/product.seed';
export * from './lib/recommendation.seed';
export * from './lib/seed.pictures';
export * from './lib/user.seed';
export { roundToCents } from './lib/seed.random';
