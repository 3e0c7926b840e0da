// npm run openapi: writes each gateway's OpenAPI document, exactly as the built gateway serves it at
// /docs-json, to docs/openapi/<gateway>.json, for client teams to generate typed clients from.
// `npm run openapi` builds the gateways first; run this directly to skip the build. The contracts
// e2e spec fails while a committed document differs from what the code serves.
import { launchApp, workspaceRoot } from '@bff/app-process/launcher';
import { GATEWAY_APPS } from '@bff/config';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

async function main(): Promise<void> {
  const root = workspaceRoot();
  const dir = join(root, 'docs', 'openapi');
  mkdirSync(dir, { recursive: true });
  // The document does not depend on the services, so the gateways start alone, on free ports.
  const gateways = await Promise.all(GATEWAY_APPS.map((name) => launchApp(name, { env: { PORT: '0', METRICS_PORT: '0' } })));
  try {
    for (const gateway of gateways) {
      const response = await fetch(`${gateway.url}/docs-json`);
      if (!response.ok) throw new Error(`${gateway.name} answered ${response.status} at /docs-json`);
      // The gateway sorts the keys; this only indents, and ends the file with a newline.
      const text = `${JSON.stringify(await response.json(), null, 2)}\n`;
      const file = join(dir, `${gateway.name}.json`);
      const unchanged = existsSync(file) && readFileSync(file, 'utf8') === text;
      if (!unchanged) writeFileSync(file, text);
      process.stdout.write(`${relative(root, file)}: ${unchanged ? 'unchanged' : 'written'} (${Buffer.byteLength(text)} bytes)\n`);
    }
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
