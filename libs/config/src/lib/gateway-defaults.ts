import { z } from 'zod';
import { ConfigError } from './config.error';

/**
 * What a gateway app decides for itself: the defaults of the variables whose right value differs
 * from one gateway to the next. Each gateway states them in `apps/<app>/src/gateway.defaults.json`
 * (data, so that the launcher and the deployment checks can read them without importing the app)
 * and hands them to `loadGatewayConfig(defaults, env)`; no shared lib keeps a table of gateways.
 */
export interface GatewayDefaults {
  /** The app's name: in every log line, metric series and span, and in its ready line. */
  app: string;
  /** `PORT` when unset. */
  port: number;
  /** `METRICS_PORT` when unset: Prometheus metrics on a port of their own, never the public one. */
  metricsPort: number;
  /** `JWT_AUDIENCE` when unset: a token minted for one client does not open another's gateway. */
  audience: string;
  /** `THROTTLE_BURST_LIMIT` and `THROTTLE_LIMIT` when unset (per caller, per second and per minute). */
  throttle: { burstLimit: number; limit: number };
  /**
   * `CORS_ORIGINS` when unset, outside production only: where the gateway's browser client is
   * served from in local runs. In production the default is no origin at all.
   * @default [] (no browser client)
   */
  corsOrigins?: readonly string[];
  /**
   * `REDIS_KEY_PREFIX` when unset, so that two gateways sharing one Redis count apart.
   * @default `bff:<audience>:`
   */
  redisKeyPrefix?: string;
}

const port = z.number().int().min(0).max(65535);
const positive = z.number().int().min(1).max(1_000_000_000);

/** The schema of a gateway's defaults, for readers of `gateway.defaults.json` (and a check of the app's own). */
export const gatewayDefaultsSchema = z.strictObject({
  app: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a kebab-case app name'),
  port,
  metricsPort: port,
  audience: z.string().min(1),
  throttle: z.strictObject({ burstLimit: positive, limit: positive }),
  corsOrigins: z.array(z.string().regex(/^https?:\/\/[^/\s,]+$/, 'must be an origin such as https://app.example.com')).optional(),
  redisKeyPrefix: z.string().min(1).optional(),
}) satisfies z.ZodType<GatewayDefaults>;

/**
 * A gateway's defaults as read from `source` (its `gateway.defaults.json`): the typed value, or a
 * ConfigError naming the field and the file.
 */
export function parseGatewayDefaults(value: unknown, source: string): GatewayDefaults {
  const result = gatewayDefaultsSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ConfigError(`${source}: ${issue?.path.join('.') || 'defaults'}`, issue?.message ?? 'is invalid');
}
