import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
}

export interface RunningApp {
  name: string;
  /** Base URL, without a trailing slash, as the app announced it. */
  url: string;
  process: ChildProcess;
  /** Everything the app wrote to stdout and stderr so far. */
  output(): string;
  /** Sends a signal (SIGTERM by default) and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
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

/** Starts the built app `dist/apps/<name>/main.js` and resolves once it has printed its ready line. */
export function launchApp(name: string, options: LaunchOptions = {}): Promise<RunningApp> {
  const script = join(workspaceRoot(), 'dist', 'apps', name, 'main.js');
  if (!existsSync(script)) {
    return Promise.reject(new AppStartError(name, null, `${script} is missing: build the app first (npx nx build ${name})`));
  }
  return launchScript(name, script, options);
}

/** Starts any Node script that prints the ready line as `name`; resolves once it has. */
export function launchScript(name: string, script: string, options: LaunchOptions = {}): Promise<RunningApp> {
  const [command, ...prefix] = [...(options.wrapper ?? []), process.execPath];
  const child = spawn(command as string, [...prefix, ...(options.nodeArgs ?? []), script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const readyUrl =
    options.readyUrl ??
    ((output: string) => {
      const match = READY_LINE.exec(output);
      return match?.[1] === name ? match[2] : undefined;
    });
  let output = '';
  let ready = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return new Promise<RunningApp>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new AppStartError(name, null, `${output}\n(no ready line within ${options.readyTimeoutMs ?? 20_000} ms)`));
    }, options.readyTimeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Once ready, only collect: searching the whole output again on every chunk of a busy app's
      // log lines costs the launching process time that grows with the square of the output.
      if (ready) return;
      const url = readyUrl(output);
      if (url) {
        ready = true;
        clearTimeout(timer);
        resolve({
          name,
          url,
          process: child,
          output: () => output,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new AppStartError(name, code, output));
    });
  });
}
