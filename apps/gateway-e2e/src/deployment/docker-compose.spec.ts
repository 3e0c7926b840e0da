import { readGatewayDefaults, workspaceRoot } from '@bff/app-process/launcher';
import {
  DEFAULT_PORTS,
  GATEWAY_APPS,
  GATEWAY_ENV_VARS,
  IDENTITY_APP,
  IDENTITY_ENV_VARS,
  loadGatewayConfig,
  SERVICE_ENV_VARS,
} from '@bff/config';
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
  deploy?: { replicas?: number };
  volumes?: string[];
  networks?: string[] | Record<string, unknown>;
  restart?: string;
}

const root = workspaceRoot();
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  networks?: Record<string, { ipam?: { config?: Array<{ subnet?: string }> } }>;
};
const runnableApps = readdirSync(join(root, 'apps')).filter((dir) => existsSync(join(root, 'apps', dir, 'src', 'main.ts')));

/** The container port a service publishes on the host's `hostPort` (`[ip:]host:container`), if it does. */
function publishedAt(service: ComposeService | undefined, hostPort: number): number | undefined {
  const mapping = (service?.ports ?? []).map((p) => p.split(':')).find((parts) => parts.at(-2) === String(hostPort));
  return mapping ? Number(mapping.at(-1)) : undefined;
}

/**
 * deploy/nginx/nginx.conf as directives (`name args`, without the `;`): the top level's, and each
 * `server` block's with its locations flattened in. Enough of nginx's grammar for this file.
 */
function nginxDirectives(text: string): { top: string[]; servers: string[][] } {
  const conf = text.replace(/#[^\n]*/g, '');
  const directives = (body: string) => body.split(/[;{}]/).map((d) => d.trim().replace(/\s+/g, ' ')).filter(Boolean);
  const servers: string[][] = [];
  let top = '';
  let rest = conf;
  for (let start = rest.search(/\bserver\s*\{/); start >= 0; start = rest.search(/\bserver\s*\{/)) {
    let depth = 0;
    let end = rest.indexOf('{', start);
    do {
      if (rest[end] === '{') depth++;
      if (rest[end] === '}') depth--;
      end++;
    } while (depth > 0 && end < rest.length);
    top += rest.slice(0, start);
    servers.push(directives(rest.slice(rest.indexOf('{', start) + 1, end - 1)));
    rest = rest.slice(end);
  }
  return { top: directives(top + rest), servers };
}

/** Whether the IPv4 CIDR (or address) `outer` contains every address of `inner`. */
function cidrCovers(outer: string, inner: string): boolean {
  const toNumber = (address: string) => address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const [outerAddress = '', outerBits = '32'] = outer.split('/');
  const [innerAddress = '', innerBits = '32'] = inner.split('/');
  if (Number(outerBits) > Number(innerBits)) return false;
  const size = 2 ** (32 - Number(outerBits));
  return Math.floor(toNumber(outerAddress) / size) === Math.floor(toNumber(innerAddress) / size);
}

/** A compose value as `docker compose` would hand it over: `${VAR:-default}` its default, `${VAR:?error}` a stand-in secret. */
const interpolated = (value: string) =>
  value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'a-secret-set-by-whoever-runs-compose-0123456789');

describe('docker-compose.yml', () => {
  it('knows every runnable app under apps/, and the port table knows them too', () => {
    expect(runnableApps.sort()).toEqual(Object.keys(DEFAULT_PORTS).sort());
    for (const app of runnableApps) expect(Object.keys(compose.services)).toContain(app);
  });

  it.each(Object.entries(DEFAULT_PORTS))('builds %s from the one Dockerfile, on port %i, with a healthcheck', (app, port) => {
    const service = compose.services[app];
    expect(service?.build).toEqual({ context: '.', args: { APP: app } });
    // The gateways' replicas are reached through nginx only (see below); the others may publish their port.
    const reachable = (GATEWAY_APPS as readonly string[]).includes(app) ? (service?.expose ?? []) : [...(service?.ports ?? []), ...(service?.expose ?? [])];
    expect(reachable.some((p) => p === String(port) || p.endsWith(`:${port}`))).toBe(true);
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
    expect(publishedAt(webApp, 8080)).toBe(8080);
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
  describe('scaled out behind nginx', () => {
    const nginx = compose.services['nginx'];
    const nginxConf = join(root, 'deploy', 'nginx', 'nginx.conf');
    const conf = nginxDirectives(readFileSync(nginxConf, 'utf8'));

    it.each(GATEWAY_APPS)('runs two replicas of %s, reachable through nginx only', (gateway) => {
      const service = compose.services[gateway];
      expect(service?.deploy?.replicas).toBe(2);
      // A published host port could be bound by one replica only, and would bypass nginx.
      expect(service?.ports).toBeUndefined();
      expect(service?.expose).toEqual([String(DEFAULT_PORTS[gateway])]);
    });

    it('runs nginx with its configuration from deploy/nginx, read-only, once the gateways are healthy', () => {
      expect(nginx?.image).toMatch(/^(nginx|nginxinc\/nginx-unprivileged):[\w.-]*alpine$/);
      expect(nginx?.volumes).toContain('./deploy/nginx/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
      expect(existsSync(nginxConf)).toBe(true);
      expect(nginx?.depends_on).toEqual(Object.fromEntries(GATEWAY_APPS.map((gateway) => [gateway, { condition: 'service_healthy' }])));
    });

    it.each(GATEWAY_APPS)('publishes %s’s port on nginx, which proxies it to that gateway’s replicas', (gateway) => {
      const port = DEFAULT_PORTS[gateway];
      const nginxPort = publishedAt(nginx, port);
      const server = conf.servers.find((directives) => directives.includes(`listen ${nginxPort}`));
      expect(server).toContain(`listen ${nginxPort}`);
      // Through a variable, so that nginx resolves the name again (and sees every replica) rather than once at start-up.
      const proxyPass = server?.filter((d) => d.startsWith('proxy_pass ')) ?? [];
      expect(proxyPass).toEqual([expect.stringMatching(/^proxy_pass \$\w+$/)]);
      const variable = proxyPass[0]?.split(' ')[1] ?? '';
      expect(server).toContain(`set ${variable} http://${gateway}:${port}`);
      expect(conf.top).toContainEqual(expect.stringMatching(/^resolver 127\.0\.0\.11 valid=10s\b/));
    });

    it('sends the client’s address, request id and trace context on to every gateway', () => {
      expect(conf.top).toEqual(
        expect.arrayContaining([
          // Replaced, never appended to: the gateways key rate limits on it.
          'proxy_set_header X-Forwarded-For $remote_addr',
          expect.stringMatching(/^proxy_set_header X-Request-Id \$\w+$/),
          'proxy_set_header traceparent $http_traceparent',
        ]),
      );
      // nginx inherits proxy_set_header only into blocks that set none of their own.
      for (const server of conf.servers) expect(server.filter((d) => d.startsWith('proxy_set_header '))).toEqual([]);
    });

    it('lets the gateways believe X-Forwarded-For from the pinned network that nginx sends it over', () => {
      const subnet = compose.networks?.['default']?.ipam?.config?.[0]?.subnet ?? '';
      expect(subnet).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
      // On the default network (no networks of their own): nginx's address is in the subnet.
      for (const name of ['nginx', ...GATEWAY_APPS]) expect(compose.services[name]?.networks).toBeUndefined();
      for (const gateway of GATEWAY_APPS) {
        const env = Object.fromEntries(Object.entries(compose.services[gateway]?.environment ?? {}).map(([name, value]) => [name, interpolated(value)]));
        const trusted = loadGatewayConfig(readGatewayDefaults(gateway), env).trustProxy;
        expect(Array.isArray(trusted) && trusted.some((entry) => cidrCovers(entry, subnet))).toBe(true);
      }
    });

    it('has both gateways count in the one Redis, each under a prefix of its own', () => {
      expect(compose.services['redis']?.expose).toContain('6379');
      for (const gateway of GATEWAY_APPS) expect(compose.services[gateway]?.environment?.['REDIS_URL']).toBe('redis://redis:6379');
      const prefixes = GATEWAY_APPS.map((gateway) => compose.services[gateway]?.environment?.['REDIS_KEY_PREFIX']);
      expect(prefixes.every((prefix) => typeof prefix === 'string' && prefix.length > 0)).toBe(true);
      expect(new Set(prefixes).size).toBe(GATEWAY_APPS.length);
    });

    it('gives nginx a healthcheck on a port it listens on', () => {
      const url = nginx?.healthcheck?.test.find((arg) => arg.startsWith('http://')) ?? '';
      const { port, pathname } = new URL(url);
      const server = conf.servers.find((directives) => directives.includes(`listen ${port}`));
      expect(server).toContainEqual(`location = ${pathname}`);
      expect(publishedAt(nginx, Number(port))).toBeUndefined();
    });
  });

  it.each(Object.keys(compose.services))('gives %s a healthcheck and a restart policy', (name) => {
    const service = compose.services[name];
    expect(service?.healthcheck?.test.length).toBeGreaterThan(1);
    expect(['always', 'unless-stopped', 'on-failure']).toContain(service?.restart);
  });
});
