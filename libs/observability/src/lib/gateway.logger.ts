import cluster from 'node:cluster';
import pino, { type Logger } from 'pino';

export interface GatewayLoggerOptions {
  app: string;
  level: string;
  /** Human-readable lines (pino-pretty) instead of JSON: for development only. */
  pretty: boolean;
}

const CENSOR = '[redacted]';
/** Fields that hold secrets at the top of a line. */
const SECRET_FIELDS = ['authorization', 'cookie', 'accessToken'];
/** The same secrets one level down, wherever they would appear (a logged request, headers, a session). */
const NESTED_SECRET_PATHS = ['*.authorization', '*.cookie', '*.headers.authorization', '*.headers.cookie', '*.headers["set-cookie"]', '*.accessToken'];

/**
 * The gateway's one pino logger: JSON lines in production, written
 * asynchronously so that logging never blocks a request; secrets redacted
 * wherever they would appear.
 */
export function createGatewayLogger(options: GatewayLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      // In a cluster (CLUSTER_WORKERS), each line names the worker that wrote it.
      base: cluster.isWorker ? { app: options.app, worker: cluster.worker?.id } : { app: options.app },
      redact: { paths: [...SECRET_FIELDS, ...NESTED_SECRET_PATHS], censor: CENSOR },
      ...(options.pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
    },
    options.pretty ? undefined : pino.destination({ sync: false }),
  );
}

/** A field of a flat line: never an object with named fields, so no secret can hide inside it. */
export type FlatField = string | number | boolean | undefined | readonly string[];

/** Writes lines whose fields are all strings, numbers, booleans or lists of strings (the type sees to it). */
export interface FlatLineLogger {
  info(fields: Record<string, FlatField>, message: string): void;
}

/**
 * For the lines written on every request (the request line, one per downstream call). pino runs
 * the wildcard redaction paths (`*.cookie`...) over every field of every line, though they can only
 * match inside an object; these lines hold none, so this child of `logger` keeps the top-level
 * paths only: the same output without that pass, which took 3% of web-bff's CPU under the bench
 * (about 40 us per profile request; see the README's performance section).
 */
export function flatLineLogger(logger: Logger): FlatLineLogger {
  return logger.child({}, { redact: { paths: SECRET_FIELDS, censor: CENSOR } });
}
