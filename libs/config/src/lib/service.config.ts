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
  };
}
