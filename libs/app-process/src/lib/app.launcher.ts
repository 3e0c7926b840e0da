import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppOutput, LineSplitter, type LineListener } from './app.output';
import { LAUNCHED_FLAG } from './launcher.link';
import { READY_LINE } from './ready-line';

/** The nearest folder above this file that holds nx.json: the workspace root. */
export function workspaceRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export interface LaunchOptions {
  /** Added to (and overriding) this process's environment. */
  env?: Record<string, string>;
  /** How long to wait for the ready line. @default 20000 */
  readyTimeoutMs?: number;
  /** Extra arguments for node, before the script (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Run the process under this command prefix (e.g. `['taskset', '-c', '0']`). */
  wrapper?: string[];
  /** Arguments after the script. */
  args?: string[];
  /** Working directory. @default this process's */
  cwd?: string;
  /**
   * When the process is ready, and its URL: by default, its ready line (`<name> listening on <url>`).
   * For a program that announces itself otherwise (a dev server), a test of its output so far.
   */
  readyUrl?: (output: string) => string | undefined;
  /**
   * Called with every line the app writes, as it comes (`npm start` shows them under the app's name).
   * Without it nothing is printed: tests stay quiet, and read `output()` when they need to.
   */
  onLine?: LineListener;
  /**
   * How many characters of the latest output `output()` keeps, on top of what was written up to the
   * ready line (itself at most this many): `output()` never holds more than twice this. @default 8000000
   */
  keepOutput?: number;
}

/** How an app's process ended: its exit code, or the signal that ended it. */
export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningApp {
  name: string;
  /** Base URL, without a trailing slash, as the app announced it. */
  url: string;
  process: ChildProcess;
  /** What the app wrote to stdout and stderr so far: all of it up to its ready line, then the latest `keepOutput` characters. */
  output(): string;
  /** Settles once the process is gone, however it ended. */
  exited: Promise<AppExit>;
  /** Sends a signal (SIGTERM by default) and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /**
   * Starts the same script again with the same options, for an app that stopped; an app started on
   * an ephemeral port (`PORT=0`) gets the port it had, so that whatever was wired to it finds it again.
   */
  relaunch(): Promise<RunningApp>;
}

/** The app exited, or never announced itself, before it was ready. */
export class AppStartError extends Error {
  constructor(
    readonly app: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`${app} did not start (exit code ${exitCode ?? 'none'}):\n${output}`);
    this.name = 'AppStartError';
  }
}

/**
 * Starts the built app `dist/apps/<name>/main.js` and resolves once it has printed its ready line. The
 * app ends with this process, however this process ends (see exitWithLauncher).
 */
export function launchApp(name: string, options: LaunchOptions = {}): Promise<RunningApp> {
  const script = join(workspaceRoot(), 'dist', 'apps', name, 'main.js');
  if (!existsSync(script)) {
    return Promise.reject(new AppStartError(name, null, `${script} is missing: build the app first (npx nx build ${name})`));
  }
  return launchScript(name, script, { ...options, args: [...(options.args ?? []), LAUNCHED_FLAG] });
}

const DEFAULT_KEEP_OUTPUT = 8_000_000;

/** Starts any Node script that prints the ready line as `name`; resolves once it has. */
export function launchScript(name: string, script: string, options: LaunchOptions = {}): Promise<RunningApp> {
  const [command, ...prefix] = [...(options.wrapper ?? []), process.execPath];
  const child = spawn(command as string, [...prefix, ...(options.nodeArgs ?? []), script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    // The IPC channel is never written to: its closing tells the app that this launcher is gone
    // (exitWithLauncher), so that no app outlives whoever started it.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const readyUrl =
    options.readyUrl ??
    ((output: string) => {
      const match = READY_LINE.exec(output);
      return match?.[1] === name ? match[2] : undefined;
    });
  const output = new AppOutput(options.keepOutput ?? DEFAULT_KEEP_OUTPUT);
  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  let ready = false;
  const exited = new Promise<AppExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  return new Promise<RunningApp>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new AppStartError(name, null, `${output.toString()}\n(no ready line within ${timeoutMs} ms)`));
    }, timeoutMs);
    const onText = (text: string) => {
      output.append(text);
      // Once ready, only collect: searching the whole output again on every chunk of a busy app's
      // log lines costs the launching process time that grows with the square of the output.
      if (ready) return;
      const url = readyUrl(output.startup);
      if (!url) return;
      ready = true;
      output.closeStartup();
      clearTimeout(timer);
      resolve({
        name,
        url,
        process: child,
        output: () => output.toString(),
        exited,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return (await exited).code;
        },
        relaunch: () => launchScript(name, script, samePort(options, url)),
      });
    };
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = child[stream];
      if (!source) continue; // never: both are pipes
      // Decoded as a stream, so that a character split across two chunks stays whole.
      source.setEncoding('utf8');
      const lines = options.onLine ? new LineSplitter((line) => options.onLine?.(name, line, stream)) : undefined;
      source.on('data', (text: string) => {
        lines?.push(text);
        onText(text);
      });
      source.once('end', () => lines?.flush());
    }
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new AppStartError(name, code, output.toString()));
    });
  });
}

/** The options again, with `PORT=0` replaced by the port the app got. */
function samePort(options: LaunchOptions, url: string): LaunchOptions {
  if (options.env?.['PORT'] !== '0') return options;
  return { ...options, env: { ...options.env, PORT: new URL(url).port } };
}
