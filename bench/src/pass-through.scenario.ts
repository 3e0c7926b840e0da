// The pass-through scenarios of `npm run bench` (issue 8): web-bff's declarative route
// GET /api/catalog/* -> catalog-service, and fast-gateway proxying the same route as its peer,
// measured in the same run. bench.ts adds them to its scenarios.
import { launchApp, launchScript, type RunningApp } from '@bff/app-process/launcher';
import type { SampleServiceName } from '@bff/config';
import { SEED_PRODUCT_COUNT } from '@bff/seed-data';
import { join } from 'node:path';

/** What a pass-through scenario needs from the benchmark: how it starts the processes under test. */
export interface PassThroughBench {
  root: string;
  gatewayEnv(audience: string): Record<string, string>;
  serviceUrls(services: Record<SampleServiceName, RunningApp>): Record<string, string>;
  /** Command prefix of the process under test (its core). */
  wrapper: string[];
  nodeArgs: string[];
}

export interface PassThroughScenario {
  name: string;
  start(services: Record<SampleServiceName, RunningApp>): Promise<RunningApp>;
  path(userId: string): string;
  audience: 'web';
  verify(body: unknown, userId: string): string | undefined;
}

/** u<n> asks for p<n> (rotating over the seed catalog), so that every request names another product. */
const productOf = (userId: string) => `p${((Number(userId.slice(1)) - 1) % SEED_PRODUCT_COUNT) + 1}`;
const path = (userId: string) => `/api/catalog/products/${productOf(userId)}`;
const verify = (body: unknown, userId: string) => {
  const id = (body as { id?: unknown }).id;
  return id === productOf(userId) ? undefined : `product ${String(id)} instead of ${productOf(userId)}`;
};

export function passThroughScenarios(bench: PassThroughBench): PassThroughScenario[] {
  return [
    {
      name: 'web-bff GET /api/catalog/* (pass-through)',
      start: (services) => launchApp('web-bff', { env: { ...bench.gatewayEnv('web'), ...bench.serviceUrls(services) }, wrapper: bench.wrapper, nodeArgs: bench.nodeArgs }),
      path,
      audience: 'web',
      verify,
    },
    {
      name: 'fast-gateway GET /api/catalog/* (peer)',
      start: (services) =>
        launchScript('fast-gateway', join(bench.root, 'bench/src/fast-gateway.server.ts'), {
          env: { ...bench.gatewayEnv('web'), ...bench.serviceUrls(services) },
          nodeArgs: ['-r', '@swc-node/register', ...bench.nodeArgs],
          wrapper: bench.wrapper,
        }),
      path,
      audience: 'web',
      verify,
    },
  ];
}
