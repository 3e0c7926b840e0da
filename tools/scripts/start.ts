// npm start: runs the built apps together on their fixed ports (see DEFAULT_PORTS), serves the built
// web-app on 4200, and prints each URL. Ctrl+C stops them all. `npm start` builds first; run this
// directly to skip the build.
import { AppStartError, launchScript, launchSystem, type RunningApp, workspaceRoot } from '@bff/app-process/launcher';
import { DEVELOPMENT_USER_PASSWORD } from '@bff/config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const WEB_APP_URL = 'http://127.0.0.1:4200';

/**
 * The built web-app (dist/apps/web-app) on 4200, the origin web-bff's CORS allows by default, served
 * by Vite's preview server as a static host would serve it. It calls web-bff on 3000.
 */
function serveWebApp(): Promise<RunningApp> {
  const root = workspaceRoot();
  if (!existsSync(join(root, 'dist', 'apps', 'web-app', 'index.html'))) {
    return Promise.reject(new AppStartError('web-app', null, 'dist/apps/web-app is missing: build it first (npx nx build web-app)'));
  }
  return launchScript('web-app', join(root, 'node_modules', 'vite', 'bin', 'vite.js'), {
    args: ['preview', '--config', join(root, 'apps', 'web-app', 'vite.config.mts')],
    cwd: root,
    // Plain text, so that the address it prints can be read back.
    env: { NO_COLOR: '1' },
    // Vite prints its address once it listens (strictPort: it fails rather than move to another port).
    readyUrl: (output) => (output.includes(WEB_APP_URL) ? WEB_APP_URL : undefined),
  });
}

async function main(): Promise<void> {
  const system = await launchSystem({
    fixedPorts: true,
    serviceEnv: { FAULT_INJECTION: 'on' },
  });
  const webApp = await serveWebApp().catch(async (error: unknown) => {
    await system.stop();
    throw error;
  });
  const rows = [system.identity, ...Object.values(system.services), ...Object.values(system.gateways), webApp];
  process.stdout.write('\nAll apps are up:\n');
  for (const app of rows) process.stdout.write(`  ${app.name.padEnd(24)} ${app.url}\n`);
  process.stdout.write(
    '\nTry:\n' +
      '  curl -H "Authorization: Bearer $(npm run -s token -- u42)" localhost:3000/api/profile\n' +
      '  curl -H "Authorization: Bearer $(npm run -s token -- u42 mobile)" localhost:3001/api/profile\n' +
      `  open ${WEB_APP_URL} and sign in as linus.perlman.42@example.com, password ${DEVELOPMENT_USER_PASSWORD}\n` +
      '\nCtrl+C stops everything.\n',
  );

  let stopping = false;
  const stop = async (exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    await Promise.all([system.stop(), webApp.stop()]);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  for (const app of rows) {
    app.process.once('exit', (code) => {
      if (stopping) return;
      process.stderr.write(`${app.name} exited (${code ?? 'signal'}); its output:\n${app.output()}\nstopping the rest\n`);
      void stop(1);
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
