// npm start: runs the built apps together on their fixed ports (see DEFAULT_PORTS), serves the built
// web-app on 4200, and shows every app's output as it comes, each line under the app's name. An app
// that stops is reported and the others keep running; typed commands stop, start and restart one
// (`stop recommendation-service`, `start recommendation-service`, `status`). Ctrl+C stops them all.
// `npm start` builds first; `node tools/build/tool.runner.js start` skips the apps' build.
import {
  AppStartError,
  AppSupervisor,
  attachSupervisorConsole,
  describeStartFailure,
  launchScript,
  launchSystem,
  type LaunchOptions,
  prefixedLines,
  type RunningApp,
  SUPERVISOR_HELP,
  workspaceRoot,
} from '@bff/app-process/launcher';
import { DEVELOPMENT_USER_PASSWORD, GATEWAY_APPS, IDENTITY_APP, SAMPLE_SERVICE_APPS } from '@bff/config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const WEB_APP_URL = 'http://127.0.0.1:4200';
const SELF = 'npm start';
const APP_NAMES = [IDENTITY_APP, ...SAMPLE_SERVICE_APPS, ...GATEWAY_APPS, 'web-app'];

/** Each app's lines are shown as they come; output() keeps only a little, for an app that fails to start. */
type Shown = Pick<LaunchOptions, 'onLine' | 'keepOutput'>;

/**
 * The built web-app (dist/apps/web-app) on 4200, the origin web-bff's CORS allows by default, served
 * by Vite's preview server as a static host would serve it. It calls web-bff on 3000.
 */
function serveWebApp(shown: Shown): Promise<RunningApp> {
  const root = workspaceRoot();
  if (!existsSync(join(root, 'dist', 'apps', 'web-app', 'index.html'))) {
    return Promise.reject(new AppStartError('web-app', null, 'dist/apps/web-app is missing: build it first (npx nx build web-app)'));
  }
  return launchScript('web-app', join(root, 'node_modules', 'vite', 'bin', 'vite.js'), {
    ...shown,
    args: ['preview', '--config', join(root, 'apps', 'web-app', 'vite.config.mts')],
    cwd: root,
    // Plain text, so that the address it prints can be read back.
    env: { NO_COLOR: '1' },
    // Vite prints its address once it listens (strictPort: it fails rather than move to another port).
    readyUrl: (output) => (output.includes(WEB_APP_URL) ? WEB_APP_URL : undefined),
  });
}

async function main(): Promise<void> {
  const out = prefixedLines({
    names: [...APP_NAMES, SELF],
    colour: process.stdout.isTTY === true && process.stdout.hasColors(),
    stdout: process.stdout,
    stderr: process.stderr,
  });
  const note = (message: string) => out.note(SELF, message);
  const shown: Shown = { onLine: out.line, keepOutput: 64 * 1024 };

  const system = await launchSystem({ fixedPorts: true, serviceEnv: { FAULT_INJECTION: 'on' }, launch: shown });
  const webApp = await serveWebApp(shown).catch(async (error: unknown) => {
    await system.stop();
    throw error;
  });
  const apps = [system.identity, ...Object.values(system.services), ...Object.values(system.gateways), webApp];
  const supervisor = new AppSupervisor(
    apps.map((app) => [app.name, app] as const),
    note,
  );
  attachSupervisorConsole(supervisor, { report: note });

  note('All apps are up:');
  for (const row of supervisor.status()) note(`  ${row}`);
  note('Try:');
  note('  curl -H "Authorization: Bearer $(npm run -s token -- u42)" localhost:3000/api/profile');
  note('  curl -H "Authorization: Bearer $(npm run -s token -- u42 mobile)" localhost:3001/api/profile');
  note(`  open ${WEB_APP_URL} and sign in as linus.perlman.42@example.com, password ${DEVELOPMENT_USER_PASSWORD}`);
  note('  type "stop recommendation-service" here and reload the home screen: the rest shows, with a notice;');
  note('  "start recommendation-service" brings it back');
  note(SUPERVISOR_HELP);
}

main().catch((error: unknown) => {
  // The apps' own lines are on the screen already: only say which one failed.
  process.stderr.write(`${SELF}: ${describeStartFailure(error)}; every app it started is stopped\n`);
  process.exit(1);
});
