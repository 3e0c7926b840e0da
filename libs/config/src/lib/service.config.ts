import { z } from 'zod';
import { DEFAULT_PORTS, type SampleServiceName } from './app-ports';
import { type Env, envVar, parseEnv } from './env.parser';

function serviceEnvSchema(app: SampleServiceName) {
  return z.object({
    NODE_ENV: envVar.oneOf(['development', 'production', 'test']).default('development'),
    HOST: envVar.text().default('127.0.0.1'),
    PORT: envVar.integer(0, 65535).default(DEFAULT_PORTS[app]),
    /** `on` lets requests ask for a delay or a status (x-fault-delay-ms, x-fault-status) and opens /_admin/faults. */
    FAULT_INJECTION: envVar.onOff().default(false),
    /** Every response waits this long: a stand-in for a real service's work, for benchmarks. */
    RESPONSE_DELAY_MS: envVar.integer(0, 60_000).default(0),
    /**
     * Where the seed pictures' URLs point (user-service's avatars, catalog-service's product images): a
     * CDN or proxy that serves this service's `/images/...`, e.g. `https://cdn.example.com`. Unset: the
     * service itself, at the address the request came to (what a local browser reaches).
     */
    ASSET_BASE_URL: envVar.httpUrl().optional(),
  });
}

/** Every variable a sample service reads. */
export const SERVICE_ENV_VARS = Object.keys(serviceEnvSchema('user-service').shape);

export interface ServiceConfig {
  app: SampleServiceName;
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  faultInjection: boolean;
  responseDelayMs: number;
  /** The pictures' base URL, without a trailing slash; undefined: the origin each request reached. */
  assetBaseUrl?: string;
}

export function loadServiceConfig(app: SampleServiceName, env: Env): ServiceConfig {
  const vars = parseEnv(serviceEnvSchema(app), env);
  return {
    app,
    environment: vars.NODE_ENV,
    host: vars.HOST,
    port: vars.PORT,
    faultInjection: vars.FAULT_INJECTION,
    responseDelayMs: vars.RESPONSE_DELAY_MS,
    ...(vars.ASSET_BASE_URL !== undefined && { assetBaseUrl: vars.ASSET_BASE_URL }),
  };
}
