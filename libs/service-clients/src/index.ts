export * from './lib/catalog.client';
export * from './lib/circuits.health';
export type { CircuitState } from './lib/circuit.breaker';
export type { CredentialPolicy } from './lib/credential.policy';
export * from './lib/downstream-call.context';
export * from './lib/downstream.errors';
export * from './lib/downstream.forwarder';
export { GATEWAY_SET_HEADERS } from './lib/gateway.headers';
export * from './lib/identity.client';
export * from './lib/order.client';
export * from './lib/recommendation.client';
export { RequestCancellation } from './lib/request.cancellation';
export * from './lib/service-clients.module';
export type { RetryBudgetOptions, RetryOptions, ServiceClientsOptions } from './lib/service-clients.options';
export { UpstreamRegistry } from './lib/upstream.registry';
/** @deprecated The registry itself, under its old name: inject `UpstreamRegistry` and read `states()`. */
export * from './lib/user.client';
