import {
  DEFAULT_PORTS,
  GATEWAY_APPS,
  type GatewayAppName,
  DEVELOPMENT_JWT_SECRET,
  IDENTITY_APP,
  SAMPLE_SERVICE_APPS,
  type SampleServiceName,
} from '@bff/config';
import { type LaunchOptions, launchApp, type RunningApp } from './app.launcher';

export interface SystemOptions {
  /** Which gateways to start. @default both */
  gateways?: readonly GatewayAppName[];
  /** Environment for every gateway, on top of the service URLs. */
  gatewayEnv?: Record<string, string>;
  /** Environment for every sample service. @default { FAULT_INJECTION: 'on' } */
  serviceEnv?: Record<string, string>;
  /**
   * How the gateways verify tokens: `identity` with identity-service's JWKS (RS256, as in
   * production; web-bff signs in there by discovery), or `development-secret` with the public HS256
   * development secret (tokens from `signTestToken`, `npm run token`'s fallback). @default 'identity'
   */
  auth?: 'identity' | 'development-secret';
  /** Fixed ports from DEFAULT_PORTS (npm start) instead of ephemeral ones (tests). @default false */
  fixedPorts?: boolean;
  /** How each app is launched: the ready timeout, and `onLine` to show what the apps write (npm start). */
  launch?: Pick<LaunchOptions, 'readyTimeoutMs' | 'onLine' | 'keepOutput'>;
}

export interface RunningSystem {
  services: Record<SampleServiceName, RunningApp>;
  /** identity-service, the sample identity provider. */
  identity: RunningApp;
  gateways: Partial<Record<GatewayAppName, RunningApp>>;
  /** The gateway that was asked for; throws if it was not started. */
  gateway(name: GatewayAppName): RunningApp;
  /** Environment that points a gateway at this system's services and identity-service. */
  serviceUrls: Record<string, string>;
  /** What the system's gateways were started with (service URLs and the key source): for starting more. */
  gatewayEnv: Record<string, string>;
  stop(): Promise<void>;
}

const serviceUrlVariable: Record<SampleServiceName, string> = {
  'user-service': 'USER_SERVICE_URL',
  'order-service': 'ORDER_SERVICE_URL',
  'catalog-service': 'CATALOG_SERVICE_URL',
  'recommendation-service': 'RECOMMENDATION_SERVICE_URL',
};

/**
 * Starts the sample services and identity-service, then the gateways wired to them; stops whatever
 * started if any app fails.
 */
export async function launchSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const started: RunningApp[] = [];
  const launch = async (name: keyof typeof DEFAULT_PORTS, env: Record<string, string>) => {
    const app = await launchApp(name, {
      ...options.launch,
      env: { PORT: options.fixedPorts ? String(DEFAULT_PORTS[name]) : '0', ...env },
    });
    started.push(app);
    return app;
  };
  /** Like Promise.all, but waits for every launch to settle, so that none is left running when one fails. */
  const launchAll = async <T>(launches: Array<Promise<T>>): Promise<T[]> => {
    const results = await Promise.allSettled(launches);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
    return results.map((result) => (result as PromiseFulfilledResult<T>).value);
  };
  try {
    const [identity, ...serviceList] = await launchAll([
      launch(IDENTITY_APP, {}),
      ...SAMPLE_SERVICE_APPS.map((name) => launch(name, options.serviceEnv ?? { FAULT_INJECTION: 'on' })),
    ]);
    if (!identity) throw new Error('identity-service did not start');
    const services = Object.fromEntries(serviceList.map((app) => [app.name, app])) as Record<SampleServiceName, RunningApp>;
    const serviceUrls = {
      ...Object.fromEntries(SAMPLE_SERVICE_APPS.map((name) => [serviceUrlVariable[name], services[name].url])),
      IDENTITY_SERVICE_URL: identity.url,
    };
    const gatewayEnv: Record<string, string> = {
      ...serviceUrls,
      // Several gateways may run at once in tests: each takes a free metrics port too.
      ...(options.fixedPorts ? {} : { METRICS_PORT: '0' }),
      ...((options.auth ?? 'identity') === 'identity'
        ? {
            JWKS_URI: `${identity.url}/.well-known/jwks.json`,
            // web-bff's sign-in: discovery where identity-service listens (its issuer names its default address).
            OIDC_ISSUER: `${identity.url}/.well-known/openid-configuration`,
          }
        : { JWT_SECRET: DEVELOPMENT_JWT_SECRET }),
    };
    const gatewayList = await launchAll(
      (options.gateways ?? GATEWAY_APPS).map((name) => launch(name, { ...gatewayEnv, ...options.gatewayEnv })),
    );
    const gateways = Object.fromEntries(gatewayList.map((app) => [app.name, app])) as Partial<Record<GatewayAppName, RunningApp>>;
    return {
      services,
      identity,
      gateways,
      serviceUrls,
      gatewayEnv,
      gateway(name) {
        const app = gateways[name];
        if (!app) throw new Error(`${name} was not started`);
        return app;
      },
      stop: () => stopAll(started),
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(apps: RunningApp[]): Promise<void> {
  await Promise.all(apps.map((app) => app.stop()));
}
