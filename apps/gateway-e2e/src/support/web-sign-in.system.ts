import { launchApp, type RunningApp } from '@bff/app-process/launcher';
import { SAMPLE_SERVICE_APPS, type SampleServiceName } from '@bff/config';
import { freePort } from './redis.server';

/** The web app's origin as the tests play it: where returnTo may lead. Nothing listens there; redirects to it are read, not followed. */
export const WEB_APP_ORIGIN = 'http://127.0.0.1:4200';
/** identity-service's issuer identifier in these tests: never fetched (web-bff discovers from the provider's own URL). */
export const E2E_ISSUER = 'https://id.web-session.e2e';

/** A loaded 2-core machine can take a while to start eight processes at once. */
const READY_TIMEOUT_MS = 40_000;

export interface WebSignInSystemOptions {
  /** web-bff instances, sharing `redis` when given. @default 1 */
  instances?: number;
  /** Sessions in this Redis (REDIS_URL, REDIS_KEY_PREFIX); unset: each instance in its own memory. */
  redis?: { url: string; keyPrefix: string };
  /** identity-service's environment on top of the client registration (e.g. TOKEN_TTL_S). */
  identityEnv?: Record<string, string>;
  /** Every web-bff's environment on top of the wiring. */
  webBffEnv?: Record<string, string>;
  /** Where identity-service posts logout tokens, from the instances' URLs. @default the first instance's route */
  backchannelLogoutUri?: (instances: readonly string[]) => string;
}

export interface WebSignInSystem {
  identity: RunningApp;
  services: Record<SampleServiceName, RunningApp>;
  /** The web-bff instances, in order. */
  webBffs: RunningApp[];
  /** identity-service's discovery document URL, which web-bff is configured with (OIDC_ISSUER). */
  discoveryUrl: string;
  stop(): Promise<void>;
}

/**
 * identity-service with web-bff registered for these instances (their callbacks, the web app's root
 * after logout, the back-channel logout URI), the sample services, and the web-bff instances on ports
 * chosen first (the provider must know their redirect URIs before they start), configured by discovery.
 */
export async function launchWebSignInSystem(options: WebSignInSystemOptions = {}): Promise<WebSignInSystem> {
  const started: RunningApp[] = [];
  const track = async (launch: Promise<RunningApp>) => {
    const app = await launch;
    started.push(app);
    return app;
  };
  try {
    const ports = await Promise.all(Array.from({ length: options.instances ?? 1 }, () => freePort()));
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    const [identity, ...serviceList] = await Promise.all([
      track(
        launchApp('identity-service', {
          readyTimeoutMs: READY_TIMEOUT_MS,
          env: {
            PORT: '0',
            NODE_ENV: 'test',
            JWT_ISSUER: E2E_ISSUER,
            WEB_BFF_REDIRECT_URIS: urls.map((url) => `${url}/api/auth/callback`).join(','),
            WEB_BFF_POST_LOGOUT_REDIRECT_URIS: `${WEB_APP_ORIGIN}/`,
            WEB_BFF_BACKCHANNEL_LOGOUT_URI: options.backchannelLogoutUri?.(urls) ?? `${urls[0]}/api/auth/backchannel-logout`,
            ...options.identityEnv,
          },
        }),
      ),
      ...SAMPLE_SERVICE_APPS.map((name) => track(launchApp(name, { readyTimeoutMs: READY_TIMEOUT_MS, env: { PORT: '0', FAULT_INJECTION: 'on' } }))),
    ]);
    if (!identity) throw new Error('identity-service did not start');
    const services = Object.fromEntries(serviceList.map((app) => [app.name, app])) as Record<SampleServiceName, RunningApp>;
    const discoveryUrl = `${identity.url}/.well-known/openid-configuration`;
    const webBffs = await Promise.all(
      ports.map((port) =>
        track(
          launchApp('web-bff', {
            readyTimeoutMs: READY_TIMEOUT_MS,
            env: {
              NODE_ENV: 'test',
              PORT: String(port),
              METRICS_PORT: '0',
              USER_SERVICE_URL: services['user-service'].url,
              ORDER_SERVICE_URL: services['order-service'].url,
              CATALOG_SERVICE_URL: services['catalog-service'].url,
              RECOMMENDATION_SERVICE_URL: services['recommendation-service'].url,
              JWKS_URI: `${identity.url}/.well-known/jwks.json`,
              JWT_ISSUER: E2E_ISSUER,
              OIDC_ISSUER: discoveryUrl,
              CORS_ORIGINS: WEB_APP_ORIGIN,
              THROTTLE_BURST_LIMIT: '1000',
              ...(options.redis ? { REDIS_URL: options.redis.url, REDIS_KEY_PREFIX: options.redis.keyPrefix } : {}),
              ...options.webBffEnv,
            },
          }),
        ),
      ),
    );
    return { identity, services, webBffs, discoveryUrl, stop: () => stopAll(started) };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(apps: RunningApp[]): Promise<void> {
  await Promise.all(apps.map((app) => app.stop()));
}
