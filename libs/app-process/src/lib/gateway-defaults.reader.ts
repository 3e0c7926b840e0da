import { type GatewayDefaults, parseGatewayDefaults } from '@bff/config';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './app.launcher';

/** Where a gateway states the defaults of its variables: data in its own folder, so tools read it without importing the app. */
export const gatewayDefaultsFile = (app: string): string => join('apps', app, 'src', 'gateway.defaults.json');

/** A gateway's own defaults (its port, metrics port, audience, budgets, CORS origins), as its app states them. */
export function readGatewayDefaults(app: string): GatewayDefaults {
  const file = gatewayDefaultsFile(app);
  return parseGatewayDefaults(JSON.parse(readFileSync(join(workspaceRoot(), file), 'utf8')) as unknown, file);
}

/** Every gateway of the workspace: each app folder with a `gateway.defaults.json`. */
export function discoverGatewayApps(): string[] {
  const root = workspaceRoot();
  return readdirSync(join(root, 'apps'))
    .filter((app) => existsSync(join(root, gatewayDefaultsFile(app))))
    .sort();
}
