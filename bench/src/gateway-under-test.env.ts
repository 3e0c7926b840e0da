import type { RunningApp } from '@bff/app-process/launcher';
import { DEVELOPMENT_JWT_ISSUER, type SampleServiceName } from '@bff/config';
import { randomBytes } from 'node:crypto';

/** Where a gateway under test finds the sample services of this run. */
export const serviceUrls = (services: Record<SampleServiceName, RunningApp>): Record<string, string> => ({
  USER_SERVICE_URL: services['user-service'].url,
  ORDER_SERVICE_URL: services['order-service'].url,
  CATALOG_SERVICE_URL: services['catalog-service'].url,
  RECOMMENDATION_SERVICE_URL: services['recommendation-service'].url,
});

/** A gateway as production runs it, on free ports, verifying tokens signed with `secret`. */
export const gatewayEnv = (audience: string, secret: string): Record<string, string> => ({
  NODE_ENV: 'production',
  PORT: '0',
  METRICS_PORT: '0',
  JWT_SECRET: secret,
  SESSION_SECRET: randomBytes(32).toString('hex'),
  // Production web-bff refuses the public development client secret; the benchmark signs nobody in.
  OIDC_CLIENT_SECRET: randomBytes(32).toString('hex'),
  JWT_ISSUER: DEVELOPMENT_JWT_ISSUER,
  JWT_AUDIENCE: audience,
  // Out of the way of the load, while the throttling code still runs on every request.
  THROTTLE_LIMIT: '1000000000',
  THROTTLE_BURST_LIMIT: '1000000000',
});
