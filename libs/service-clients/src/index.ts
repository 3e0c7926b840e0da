export * from './lib/catalog.client';
export * from './lib/downstream-call.context';
export * from './lib/downstream.errors';
export * from './lib/identity.client';
export * from './lib/order.client';
export * from './lib/recommendation.client';
export * from './lib/service-clients.module';
export type { ServiceClientsOptions } from './lib/service-clients.options';
export * from './lib/user.client';
