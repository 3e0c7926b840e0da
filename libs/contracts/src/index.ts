export * from './lib/api-error.contract';
export * from './lib/contract-breach.message';
export * from './lib/open-set.contract';
export * from './lib/order.contract';
export * from './lib/product.contract';
export * from './lib/recommendation.contract';
export * from './lib/user.contract';
export * from './lib/response-meta.contract';
