import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleKind, transpileModule } from 'typescript';
import { LAUNCHED_FLAG } from './launcher.link';

// A real launcher process and a real app: the launcher is killed outright (SIGKILL, as when a test run
// is ended or a terminal closed), and the app must not outlive it. The app is plain JavaScript made
// from launcher.link.ts itself, so that what runs is this code.
const dir = mkdtempSync(join(tmpdir(), 'launcher-link-spec-'));
writeFileSync(join(dir, 'launcher.link.js'), transpileModule(readFileSync(join(__dirname, 'launcher.link.ts'), 'utf8'), { compilerOptions: { module: ModuleKind.CommonJS } }).outputText);
writeFileSync(
  join(dir, 'app.js'),
  `require('./launcher.link').exitWithLauncher();
   setInterval(() => undefined, 1000);
   process.on('SIGTERM', () => { console.log('SIGTERM'); process.exit(0); });
   console.log('ready');`,
);
// Starts the app as launchApp does (or without the IPC channel, or without the flag), prints its pid, then waits.
writeFileSync(
  join(dir, 'launcher.js'),
  `const [ipc, flag] = process.argv.slice(2);
   const app = require('node:child_process').spawn(process.execPath, [${JSON.stringify(join(dir, 'app.js'))}, ...(flag === 'flag' ? [${JSON.stringify(LAUNCHED_FLAG)}] : [])],
     { stdio: ['ignore', 'inherit', 'inherit', ...(ipc === 'ipc' ? ['ipc'] : [])] });
   console.log('app ' + app.pid);
   setInterval(() => undefined, 1000);`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Starts launcher.js, waits for the app to be ready, SIGKILLs the launcher; the app's pid. */
async function killLauncherOf(mode: 'ipc' | 'no-ipc', flag: 'flag' | 'no-flag'): Promise<number> {
  const launcher = spawn(process.execPath, [join(dir, 'launcher.js'), mode, flag], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  await new Promise<void>((resolve) =>
    launcher.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) resolve();
    }),
  );
  launcher.kill('SIGKILL');
  return Number(/app (\d+)/.exec(output)?.[1]);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return condition();
}

describe('exitWithLauncher', () => {
  it('ends an app launched with the channel and the flag once its launcher is killed', async () => {
    const pid = await killLauncherOf('ipc', 'flag');
    expect(await until(() => !alive(pid), 10_000)).toBe(true);
  });

  it.each([
    ['no IPC channel (a container, a shell)', 'no-ipc', 'flag'],
    ['a channel some other parent opened (a Jest worker)', 'ipc', 'no-flag'],
  ] as const)('leaves an app alone that has %s', async (_case, mode, flag) => {
    const pid = await killLauncherOf(mode, flag);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(alive(pid)).toBe(true);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });
});
