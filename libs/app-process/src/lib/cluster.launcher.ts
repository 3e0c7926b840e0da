import { GATEWAY_APPS, type GatewayAppName, type SampleServiceName } from '@bff/config';
import Redis from 'ioredis';
import { AppStartError, launchApp, type RunningApp } from './app.launcher';
import { readGatewayDefaults } from './gateway-defaults.reader';
import type { OutputStream } from './app.output';
import { launchSystem, type SystemOptions } from './system.launcher';

/** With fixed ports, instance n of a gateway listens on its default port + n x this (3000, 3010, ...). */
const FIXED_PORT_STEP = 10;
/** More would reach identity-service's 3100. */
const MAX_FIXED_PORT_INSTANCES = 9;

export interface ClusterOptions extends Pick<SystemOptions, 'auth' | 'serviceEnv' | 'launch'> {
  /** The Redis every instance counts its rate limits in (`REDIS_URL`); asked for a PONG before anything starts. */
  redisUrl: string;
  /** Which gateways to run. @default both */
  gateways?: readonly GatewayAppName[];
  /** Instances of each gateway. @default 2 */
  instancesPerGateway?: number;
  /**
   * Environment for every gateway instance, on top of the service URLs and the key source. `PORT` and
   * `REDIS_URL` are the launcher's: each instance gets its own port, and all of them `redisUrl`.
   */
  gatewayEnv?: Record<string, string>;
  /**
   * Fixed ports (`npm run start:cluster`): identity-service and the services on DEFAULT_PORTS, instance n
   * (from 0) of a gateway on its default port + 10n and its metrics on its default metrics port + 10n
   * (web-bff 3000 and 3010, metrics 9464 and 9474); at most 9 instances. Otherwise every port is
   * ephemeral (tests). @default false
   */
  fixedPorts?: boolean;
}

/** One instance of a gateway in a cluster. */
export interface GatewayInstance extends RunningApp {
  /** 1, 2, ... in the order of their ports. */
  instance: number;
  /** Where its Prometheus metrics are served, as the instance announced it. */
  metricsUrl: string;
}

export interface RunningCluster {
  identity: RunningApp;
  services: Record<SampleServiceName, RunningApp>;
  instances: Partial<Record<GatewayAppName, GatewayInstance[]>>;
  /** The instances of a gateway that was asked for; throws if it was not started. */
  instancesOf(name: GatewayAppName): GatewayInstance[];
  /** Every process of the cluster: identity-service, the services, then the gateway instances. */
  apps(): RunningApp[];
  /** Stops the gateway instances, then the services and identity-service. */
  stop(): Promise<void>;
}

/** The Redis the instances were to share did not answer, so nothing was started. */
export class RedisUnavailableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Redis at ${url} did not answer (${reason}); without it each instance would count rate limits on its own`);
    this.name = 'RedisUnavailableError';
  }
}

/** Resolves once the Redis at `url` answers PING within `timeoutMs`; rejects with RedisUnavailableError otherwise. */
export async function expectRedisAnswers(url: string, timeoutMs = 2_000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    disconnectTimeout: 100,
  });
  // connect() rejects with a bare "Connection is closed."; the event says why (ECONNREFUSED, ...).
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause = error));
  try {
    await client.connect();
    const answer = await client.ping();
    if (answer !== 'PONG') throw new Error(`it answered PING with ${answer}`);
  } catch (error) {
    throw new RedisUnavailableError(url, cause?.message ?? (error instanceof Error ? error.message : String(error)));
  } finally {
    // A connection that already ended has nothing to close, and disconnect() would hold a timer for it.
    if (client.status !== 'end') client.disconnect();
  }
}

/**
 * Several instances of each gateway against one Redis, as behind a load balancer, with identity-service
 * and the sample services started once: `npm run start:cluster` and the scaling test. Checks Redis first;
 * if any app fails to start, stops every app it started.
 */
export async function launchCluster(options: ClusterOptions): Promise<RunningCluster> {
  const count = options.instancesPerGateway ?? 2;
  const most = options.fixedPorts ? MAX_FIXED_PORT_INSTANCES : Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(count) || count < 1 || count > most) {
    throw new RangeError(`instancesPerGateway must be a whole number from 1 to ${most}, not ${count}`);
  }
  await expectRedisAnswers(options.redisUrl);

  const system = await launchSystem({
    gateways: [],
    auth: options.auth,
    serviceEnv: options.serviceEnv,
    fixedPorts: options.fixedPorts,
    launch: options.launch,
  });
  const launchInstance = async (name: GatewayAppName, index: number): Promise<GatewayInstance> => {
    const offset = index * FIXED_PORT_STEP;
    // The gateway's own defaults, from its app: instance 0 on them, the others 10, 20... above.
    const own = options.fixedPorts ? readGatewayDefaults(name) : undefined;
    const onLine = options.launch?.onLine;
    const app = await launchApp(name, {
      ...options.launch,
      // Instances of one gateway share its name: their lines are told apart by number (web-bff#2).
      ...(onLine && { onLine: (app: string, line: string, stream: OutputStream) => onLine(`${app}#${index + 1}`, line, stream) }),
      env: {
        ...system.gatewayEnv,
        METRICS_PORT: own ? String(own.metricsPort + offset) : '0',
        ...options.gatewayEnv,
        PORT: own ? String(own.port + offset) : '0',
        REDIS_URL: options.redisUrl,
      },
    });
    try {
      return { ...app, instance: index + 1, metricsUrl: await announcedMetricsUrl(app) };
    } catch (error) {
      await app.stop();
      throw error;
    }
  };

  const gateways = options.gateways ?? GATEWAY_APPS;
  const launches = gateways.flatMap((name) => Array.from({ length: count }, (_, index) => launchInstance(name, index)));
  // Every launch settles before a failure is reported, so that none is left running.
  const results = await Promise.allSettled(launches);
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    await Promise.all(started.map((app) => app.stop()));
    await system.stop();
  };
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }

  const instances: Partial<Record<GatewayAppName, GatewayInstance[]>> = Object.fromEntries(
    gateways.map((name) => [name, started.filter((app) => app.name === name)]),
  );
  return {
    identity: system.identity,
    services: system.services,
    instances,
    instancesOf(name) {
      const list = instances[name];
      if (!list) throw new Error(`${name} was not started`);
      return list;
    },
    apps: () => [system.identity, ...Object.values(system.services), ...started],
    stop,
  };
}

/** The metrics URL a gateway prints with its ready line, just before it (`<app> metrics on <url>`). */
function announcedMetricsUrl(app: RunningApp, timeoutMs = 5_000): Promise<string> {
  const line = new RegExp(`^${app.name} metrics on (http://\\S+)$`, 'm');
  return new Promise((resolve, reject) => {
    const stdout = app.process.stdout;
    const settle = () => {
      clearTimeout(timer);
      stdout?.off('data', look);
    };
    const look = () => {
      const url = line.exec(app.output())?.[1];
      if (!url) return;
      settle();
      resolve(url);
    };
    const timer = setTimeout(() => {
      settle();
      reject(new AppStartError(app.name, app.process.exitCode, `${app.output()}\n(no metrics line within ${timeoutMs} ms)`));
    }, timeoutMs);
    stdout?.on('data', look);
    look();
  });
}
