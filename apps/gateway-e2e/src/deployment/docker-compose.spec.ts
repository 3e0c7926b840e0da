import { workspaceRoot } from '@bff/app-process/launcher';
import { DEFAULT_PORTS, GATEWAY_APPS, GATEWAY_ENV_VARS, IDENTITY_APP, IDENTITY_ENV_VARS, SERVICE_ENV_VARS } from '@bff/config';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs on our machines, so this checks the file against the apps instead.
interface ComposeService {
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  image?: string;
  ports?: string[];
  expose?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const root = workspaceRoot();
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const runnableApps = readdirSync(join(root, 'apps')).filter((dir) => existsSync(join(root, 'apps', dir, 'src', 'main.ts')));

describe('docker-compose.yml', () => {
  it('knows every runnable app under apps/, and the port table knows them too', () => {
    expect(runnableApps.sort()).toEqual(Object.keys(DEFAULT_PORTS).sort());
    for (const app of runnableApps) expect(Object.keys(compose.services)).toContain(app);
  });

  it.each(Object.entries(DEFAULT_PORTS))('builds %s from the one Dockerfile, on port %i, with a healthcheck', (app, port) => {
    const service = compose.services[app];
    expect(service?.build).toEqual({ context: '.', args: { APP: app } });
    expect([...(service?.ports ?? []), ...(service?.expose ?? [])].some((p) => p === String(port) || p.endsWith(`:${port}`))).toBe(true);
    expect(service?.environment?.['PORT']).toBe(String(port));
    expect(service?.healthcheck?.test.join(' ')).toContain('/health');
  });

  it.each(Object.keys(DEFAULT_PORTS))('sets every variable %s reads', (app) => {
    const reads =
      app === IDENTITY_APP ? IDENTITY_ENV_VARS : (GATEWAY_APPS as readonly string[]).includes(app) ? GATEWAY_ENV_VARS : SERVICE_ENV_VARS;
    expect(Object.keys(compose.services[app]?.environment ?? {})).toEqual(expect.arrayContaining(reads));
  });

  // Not a Node app (no src/main.ts, no DEFAULT_PORTS entry): static files on nginx, built by its own Dockerfile.
  it('serves the web app’s production build on 8080, with a healthcheck, from the origin web-bff allows', () => {
    const webApp = compose.services['web-app'];
    expect(webApp?.build).toEqual(expect.objectContaining({ context: '.', dockerfile: 'apps/web-app/Dockerfile' }));
    expect(existsSync(join(root, 'apps', 'web-app', 'Dockerfile'))).toBe(true);
    expect(webApp?.ports).toContain('8080:8080');
    expect(webApp?.healthcheck?.test.join(' ')).toContain('/health');
    expect(compose.services['web-bff']?.environment?.['CORS_ORIGINS']).toBe('http://localhost:8080');
  });

  it('runs Redis with a healthcheck, and starts the gateways only once what they call is healthy', () => {
    expect(compose.services['redis']?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    for (const gateway of GATEWAY_APPS) {
      const dependsOn = compose.services[gateway]?.depends_on ?? {};
      expect(Object.keys(dependsOn).sort()).toEqual(['catalog-service', 'identity-service', 'order-service', 'recommendation-service', 'redis', 'user-service']);
      expect(Object.values(dependsOn).every((d) => d.condition === 'service_healthy')).toBe(true);
    }
  });
});
