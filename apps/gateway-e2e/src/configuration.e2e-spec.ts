import { AppStartError, launchApp } from '@bff/app-process/launcher';
import { DEVELOPMENT_JWT_SECRET } from '@bff/config';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

async function startFailure(app: string, env: Record<string, string>): Promise<AppStartError> {
  const error = await launchApp(app, { env: { PORT: '0', METRICS_PORT: '0', ...env } }).then(
    async (running) => {
      await running.stop();
      throw new Error(`${app} started with ${JSON.stringify(env)}`);
    },
    (e: unknown) => e,
  );
  if (!(error instanceof AppStartError)) throw error;
  return error;
}

describe('bad configuration', () => {
  it.each([
    ['web-bff', { THROTTLE_LIMIT: 'lots' }, 'Invalid configuration: THROTTLE_LIMIT must be a whole number from 1 to 1000000000'],
    ['mobile-bff', { CATALOG_SERVICE_URL: 'catalog:3103' }, 'Invalid configuration: CATALOG_SERVICE_URL must be an absolute http:// or https:// URL'],
    ['web-bff', { NODE_ENV: 'production' }, 'Invalid configuration: JWKS_URI is required in production (or JWT_SECRET, to verify HS256 tokens)'],
    ['mobile-bff', { NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET }, 'Invalid configuration: JWT_SECRET is the public development secret; set a secret of your own in production'],
    ['order-service', { FAULT_INJECTION: 'maybe' }, 'Invalid configuration: FAULT_INJECTION must be "on" or "off"'],
  ])('stops %s at start-up with one line naming the variable (%j)', async (app, env, line) => {
    const error = await startFailure(app, env);
    expect(error.exitCode).toBe(1);
    expect(error.output.trim()).toBe(line);
  });
});

describe('a port that is taken', () => {
  it('stops the gateway with one line naming the variable, not a stack trace', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as AddressInfo;
    try {
      const error = await startFailure('web-bff', { METRICS_PORT: String(port), JWT_SECRET: DEVELOPMENT_JWT_SECRET, NODE_ENV: 'test' });
      expect(error.exitCode).toBe(1);
      // stdout (async JSON logs) and stderr interleave, so look for the line rather than the last one.
      expect(error.output.split('\n')).toContain(`Cannot listen: METRICS_PORT=${port} is already in use (EADDRINUSE)`);
      expect(error.output).not.toMatch(/\n\s+at /);
    } finally {
      squatter.close();
    }
  });
});
