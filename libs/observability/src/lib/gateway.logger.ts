import pino, { type Logger } from 'pino';

export interface GatewayLoggerOptions {
  app: string;
  level: string;
  /** Human-readable lines (pino-pretty) instead of JSON: for development only. */
  pretty: boolean;
}

/**
 * The gateway's one pino logger: JSON lines in production, written
 * asynchronously so that logging never blocks a request; secrets redacted
 * wherever they would appear.
 */
export function createGatewayLogger(options: GatewayLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { app: options.app },
      redact: {
        paths: ['authorization', 'cookie', '*.authorization', '*.cookie', '*.headers.authorization', '*.headers.cookie', '*.headers["set-cookie"]', 'accessToken', '*.accessToken'],
        censor: '[redacted]',
      },
      ...(options.pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
    },
    options.pretty ? undefined : pino.destination({ sync: false }),
  );
}
