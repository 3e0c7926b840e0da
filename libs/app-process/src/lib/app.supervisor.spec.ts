import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchApp, launchScript, type RunningApp, workspaceRoot } from './app.launcher';
import { AppSupervisor } from './app.supervisor';
import { LAUNCHED_FLAG } from './launcher.link';

// A real process per app: a tiny HTTP server that answers its name, announces itself with the ready
// line, and (CHATTY_LINES) writes that many lines once ready.
const DEMO_APP = `
const http = require('node:http');
const name = process.argv[2];
const server = http.createServer((request, response) => response.end(name));
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(name + ' listening on http://127.0.0.1:' + server.address().port);
  const lines = Number(process.env.CHATTY_LINES ?? 0);
  for (let i = 1; i <= lines; i++) console.log('line ' + i + ' ' + 'x'.repeat(100));
  if (lines > 0) console.log('done');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const dir = mkdtempSync(join(tmpdir(), 'app-supervisor-spec-'));
const script = join(dir, 'demo-app.js');
writeFileSync(script, DEMO_APP);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const launchDemo = (name: string, env: Record<string, string> = {}, onLine?: (line: string) => void) =>
  launchScript(name, script, { args: [name], env: { PORT: '0', ...env }, onLine: onLine && ((_app, line) => onLine(line)) });

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const answer = async (app: RunningApp) => (await fetch(app.url)).text();

describe('AppSupervisor', () => {
  let apps: RunningApp[] = [];
  let supervisor: AppSupervisor | undefined;
  const reports: string[] = [];

  afterEach(async () => {
    await supervisor?.stopAll();
    await Promise.all(apps.map((app) => app.stop()));
  });

  it('says when an app dies and how to start it again; the others keep running; start brings it back on its port', async () => {
    apps = await Promise.all([launchDemo('alpha'), launchDemo('beta')]);
    const [alpha, beta] = apps as [RunningApp, RunningApp];
    supervisor = new AppSupervisor(apps.map((app) => [app.name, app] as const), (message) => reports.push(message));

    alpha.process.kill('SIGKILL');
    await until(() => reports.length > 0);
    expect(reports).toEqual(['alpha exited (signal SIGKILL); the others keep running; restart it with: start alpha']);
    expect(await answer(beta)).toBe('beta');

    await supervisor.command('start alpha');
    expect(reports.slice(1)).toEqual(['starting alpha ...', `alpha is back on ${alpha.url}`]);
    const again = supervisor.current('alpha');
    expect(again?.process.pid).not.toBe(alpha.process.pid);
    if (again) apps.push(again);
    expect(await answer(alpha)).toBe('alpha');
  });

  it('stops one app on request, says so, and shows it stopped in the status', async () => {
    apps = await Promise.all([launchDemo('alpha'), launchDemo('beta')]);
    reports.length = 0;
    supervisor = new AppSupervisor(apps.map((app) => [app.name, app] as const), (message) => reports.push(message));

    await supervisor.command('stop beta');
    await until(() => reports.length > 0);
    expect(reports).toEqual(['beta stopped (code 0); the others keep running; start it again with: start beta']);
    expect(supervisor.status()).toEqual([expect.stringMatching(/^alpha {2}running {2}http:\/\/127\.0\.0\.1:\d+ {2}pid \d+$/), 'beta   stopped']);

    await supervisor.command('stop beta');
    await supervisor.command('start gamma');
    await supervisor.command('what');
    expect(reports.slice(1)).toEqual([
      'beta is not running; start it with: start beta',
      'There is no app named gamma; the apps are: alpha, beta',
      'Commands: stop <app>, start <app>, restart <app>, status, help. Ctrl+C stops everything.',
    ]);
  });

  it('restarts an app in place: a new process on the same port, without an exit report', async () => {
    apps = await Promise.all([launchDemo('alpha')]);
    reports.length = 0;
    supervisor = new AppSupervisor(apps.map((app) => [app.name, app] as const), (message) => reports.push(message));
    const [alpha] = apps as [RunningApp];

    await supervisor.command('restart alpha');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reports).toEqual(['starting alpha ...', `alpha is back on ${alpha.url}`]);
    const again = supervisor.current('alpha');
    if (again) apps.push(again);
    expect(again?.process.pid).not.toBe(alpha.process.pid);
    expect(await answer(alpha)).toBe('alpha');
  });

  it('reports nothing once everything is being stopped (Ctrl+C)', async () => {
    apps = await Promise.all([launchDemo('alpha'), launchDemo('beta')]);
    reports.length = 0;
    supervisor = new AppSupervisor(apps.map((app) => [app.name, app] as const), (message) => reports.push(message));

    await supervisor.stopAll();
    expect(apps.every((app) => app.process.exitCode !== null || app.process.signalCode !== null)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reports).toEqual([]);
  });
});

describe('launchApp', () => {
  it('starts a built app with the channel and flag that tie it to this process (exitWithLauncher)', async () => {
    // A stand-in for a built app, where launchApp looks for one (dist/ is not in git).
    const name = `app-process-spec-probe-${process.pid}`;
    const built = join(workspaceRoot(), 'dist', 'apps', name);
    mkdirSync(built, { recursive: true });
    writeFileSync(
      join(built, 'main.js'),
      `console.log(JSON.stringify({ channel: Boolean(process.channel), args: process.argv.slice(2) }));
       console.log('${name} listening on http://127.0.0.1:1');
       setInterval(() => undefined, 1000);`,
    );
    try {
      const app = await launchApp(name);
      await app.stop();
      expect(JSON.parse(/\{.*\}/.exec(app.output())?.[0] ?? '{}')).toEqual({ channel: true, args: [LAUNCHED_FLAG] });
    } finally {
      rmSync(built, { recursive: true, force: true });
    }
  });
});

describe('launchScript output', () => {
  it('hands on every line as it comes, while output() keeps a bounded part of it', async () => {
    const lines: string[] = [];
    const app = await launchScript('chatty', script, {
      args: ['chatty'],
      env: { PORT: '0', CHATTY_LINES: '50000' },
      keepOutput: 100_000,
      onLine: (_app, line) => lines.push(line),
    });
    try {
      await until(() => lines.at(-1) === 'done');
      // About 5 MB went by: each line was shown, a small part is kept (the start-up part, up to the
      // chunk with the ready line, and the latest part, each at most keepOutput).
      expect(lines.length).toBe(50_002);
      expect(lines[0]).toMatch(/^chatty listening on /);
      expect(app.output().length).toBeLessThan(201_000);
      expect(app.output()).toMatch(/^chatty listening on http:\/\/127\.0\.0\.1:\d+\n/);
      expect(app.output().endsWith('done\n')).toBe(true);
    } finally {
      await app.stop();
    }
  });
});
