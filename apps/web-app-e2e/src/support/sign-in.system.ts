import { launchApp, type RunningApp } from '@bff/app-process/launcher';
import { SAMPLE_SERVICE_APPS, type SampleServiceName } from '@bff/config';
import { createServer } from 'node:net';

/** A loopback port nothing listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A loaded 2-core machine can take a while to start eight processes at once. */
const READY_TIMEOUT_MS = 40_000;

export interface SignInSystemOptions {
  /** The web app's origin: where returnTo may lead (CORS_ORIGINS), and the provider's post-logout redirect. */
  appOrigin: string;
  /** web-bff instances, all sharing this Redis. */
  instances: number;
  redis: { url: string; keyPrefix: string };
  identityEnv?: Record<string, string>;
  webBffEnv?: Record<string, string>;
}

export interface SignInSystem {
  identity: RunningApp;
  services: Record<SampleServiceName, RunningApp>;
  /** The web-bff instances; identity-service sends back-channel logouts to the first. */
  webBffs: RunningApp[];
  stop(): Promise<void>;
}

/**
 * identity-service with web-bff registered for these instances (callbacks, the app's root after logout,
 * back-channel logout to the first instance), the sample services, and the web-bff instances on ports
 * chosen first, configured by discovery against identity-service.
 */
export async function launchSignInSystem(options: SignInSystemOptions): Promise<SignInSystem> {
  const started: RunningApp[] = [];
  const track = async (launch: Promise<RunningApp>) => {
    const app = await launch;
    started.push(app);
    return app;
  };
  try {
    const urls = (await Promise.all(Array.from({ length: options.instances }, () => freePort()))).map((port) => `http://127.0.0.1:${port}`);
    const [identity, ...serviceList] = await Promise.all([
      track(
        launchApp('identity-service', {
          readyTimeoutMs: READY_TIMEOUT_MS,
          env: {
            PORT: '0',
            NODE_ENV: 'test',
            WEB_BFF_REDIRECT_URIS: urls.map((url) => `${url}/api/auth/callback`).join(','),
            WEB_BFF_POST_LOGOUT_REDIRECT_URIS: `${options.appOrigin}/`,
            WEB_BFF_BACKCHANNEL_LOGOUT_URI: `${urls[0]}/api/auth/backchannel-logout`,
            ...options.identityEnv,
          },
        }),
      ),
      ...SAMPLE_SERVICE_APPS.map((name) => track(launchApp(name, { readyTimeoutMs: READY_TIMEOUT_MS, env: { PORT: '0', FAULT_INJECTION: 'on' } }))),
    ]);
    if (!identity) throw new Error('identity-service did not start');
    const services = Object.fromEntries(serviceList.map((app) => [app.name, app])) as Record<SampleServiceName, RunningApp>;
    const webBffs = await Promise.all(
      urls.map((url) =>
        track(
          launchApp('web-bff', {
            readyTimeoutMs: READY_TIMEOUT_MS,
            env: {
              NODE_ENV: 'test',
              PORT: new URL(url).port,
              METRICS_PORT: '0',
              USER_SERVICE_URL: services['user-service'].url,
              ORDER_SERVICE_URL: services['order-service'].url,
              CATALOG_SERVICE_URL: services['catalog-service'].url,
              RECOMMENDATION_SERVICE_URL: services['recommendation-service'].url,
              JWKS_URI: `${identity.url}/.well-known/jwks.json`,
              // identity-service names itself http://localhost:3100 whatever port it is on; web-bff discovers it where it is.
              OIDC_ISSUER: `${identity.url}/.well-known/openid-configuration`,
              CORS_ORIGINS: options.appOrigin,
              REDIS_URL: options.redis.url,
              REDIS_KEY_PREFIX: options.redis.keyPrefix,
              ...options.webBffEnv,
            },
          }),
        ),
      ),
    );
    return { identity, services, webBffs, stop: () => Promise.all(started.map((app) => app.stop())).then(() => undefined) };
  } catch (error) {
    await Promise.all(started.map((app) => app.stop()));
    throw error;
  }
}
