/**
 * The local run table: every runnable app and the port `npm start` and the test launcher run it on.
 * The sample services and identity-service take their `PORT` default from here; a gateway states its
 * own in its `gateway.defaults.json`, and the deployment checks fail while an entry here disagrees.
 */
export const DEFAULT_PORTS = {
  'web-bff': 3000,
  'mobile-bff': 3001,
  'identity-service': 3100,
  'user-service': 3101,
  'order-service': 3102,
  'catalog-service': 3103,
  'recommendation-service': 3104,
} as const;

export type AppName = keyof typeof DEFAULT_PORTS;

/** The gateways `npm start` and the test launcher run (each also has its own `apps/<app>/src/gateway.defaults.json`). */
export const GATEWAY_APPS = ['web-bff', 'mobile-bff'] as const satisfies readonly AppName[];
export const SAMPLE_SERVICE_APPS = [
  'user-service',
  'order-service',
  'catalog-service',
  'recommendation-service',
] as const satisfies readonly AppName[];

export type GatewayAppName = (typeof GATEWAY_APPS)[number];
export type SampleServiceName = (typeof SAMPLE_SERVICE_APPS)[number];

/** The sample identity provider: issues RS256 tokens and serves the JWKS the gateways verify them with. */
export const IDENTITY_APP = 'identity-service' as const satisfies AppName;
