import type { Readable } from 'node:stream';
import { type AppExit, AppStartError, type RunningApp } from './app.launcher';

interface Watched {
  app: RunningApp;
  running: boolean;
  /** Set by `stop`: the exit was asked for, so it is reported as such. */
  stopRequested: boolean;
}

/** How long an exit report waits for the app's last lines, so that it comes after them. */
const LAST_LINES_WAIT_MS = 200;

export const SUPERVISOR_HELP =
  'Commands: stop <app>, start <app>, restart <app>, status, help. Ctrl+C stops everything.';

/**
 * Watches the apps of `npm start`. When one stops, whether it exited, crashed or was killed, it says
 * so and how to start it again, and the others keep running; `start`, `stop` and `restart` act on one
 * app by name (typed in `npm start`'s terminal), `stopAll` on every one (Ctrl+C).
 */
export class AppSupervisor {
  private readonly watched = new Map<string, Watched>();
  private readonly starting = new Set<string>();
  private stopping = false;

  constructor(
    /** The apps under the names that commands use: usually `[app.name, app]`; `web-bff#2` for a second instance. */
    apps: Iterable<readonly [name: string, app: RunningApp]>,
    /** Where the supervisor's own messages go, one line each. */
    private readonly report: (message: string) => void,
  ) {
    for (const [name, app] of apps) this.watch(name, app);
  }

  /** The apps, in the order they were given. */
  get names(): string[] {
    return [...this.watched.keys()];
  }

  /** The app running under that name now (after a restart, the new process). */
  current(name: string): RunningApp | undefined {
    return this.watched.get(name)?.app;
  }

  /** One line per app: running (with its URL and process id) or stopped. */
  status(): string[] {
    const width = Math.max(...this.names.map((name) => name.length));
    return [...this.watched].map(([name, { app, running }]) =>
      `${name.padEnd(width)}  ${running ? `running  ${app.url}  pid ${app.process.pid ?? '?'}` : 'stopped'}`,
    );
  }

  /** Runs one typed command; anything else is answered with the list of commands. */
  async command(line: string): Promise<void> {
    const [verb = '', name, ...rest] = line.trim().split(/\s+/);
    if (verb === '') return;
    if (verb === 'status' && name === undefined) return this.status().forEach((row) => this.report(row));
    if (['start', 'stop', 'restart'].includes(verb) && name !== undefined && rest.length === 0) {
      if (!this.watched.has(name)) return this.report(`There is no app named ${name}; the apps are: ${this.names.join(', ')}`);
      if (verb === 'start') return this.start(name);
      if (verb === 'stop') return this.stop(name);
      return this.restart(name);
    }
    this.report(SUPERVISOR_HELP);
  }

  /** Starts a stopped app again, with the environment and port it had. */
  async start(name: string): Promise<void> {
    const entry = this.watched.get(name);
    if (!entry || this.stopping) return;
    if (entry.running) return this.report(`${name} is running already (${entry.app.url})`);
    if (this.starting.has(name)) return this.report(`${name} is starting already`);
    this.starting.add(name);
    this.report(`starting ${name} ...`);
    try {
      const app = await entry.app.relaunch();
      if (this.stopping) {
        await app.stop();
        return;
      }
      this.watch(name, app);
      this.report(`${name} is back on ${app.url}`);
    } catch (error) {
      const why = error instanceof AppStartError ? `exit code ${error.exitCode ?? 'none'}; its lines are above` : String(error);
      this.report(`${name} did not start (${why}); try again with: start ${name}`);
    } finally {
      this.starting.delete(name);
    }
  }

  /** Stops one app (SIGTERM, as an orchestrator would); the others keep running. */
  async stop(name: string): Promise<void> {
    const entry = this.watched.get(name);
    if (!entry) return;
    if (!entry.running) return this.report(`${name} is not running; start it with: start ${name}`);
    entry.stopRequested = true;
    await entry.app.stop();
  }

  async restart(name: string): Promise<void> {
    await this.stop(name);
    await this.start(name);
  }

  /** Stops every app and waits until all are gone; nothing is reported or restarted after this. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.watched.values()].map(({ app }) => app.stop()));
  }

  private watch(name: string, app: RunningApp): void {
    const entry: Watched = { app, running: true, stopRequested: false };
    this.watched.set(name, entry);
    void app.exited.then(async (exit) => {
      entry.running = false;
      if (this.stopping || this.watched.get(name) !== entry) return;
      await lastLines(app);
      // Not when it is being started again already (restart): its next lines say how that went.
      if (this.stopping || this.starting.has(name) || this.watched.get(name) !== entry) return;
      const how = describeExit(exit);
      this.report(
        entry.stopRequested
          ? `${name} stopped (${how}); the others keep running; start it again with: start ${name}`
          : `${name} exited (${how}); the others keep running; restart it with: start ${name}`,
      );
    });
  }
}

/**
 * What failed to start, in one line, for a launcher that showed the apps' lines as they came (so the
 * output in the error is on the screen already); its last line when the app said nothing (not built, no
 * ready line in time).
 */
export function describeStartFailure(error: unknown): string {
  if (!(error instanceof AppStartError)) return error instanceof Error ? error.message : String(error);
  const said = error.exitCode === null ? `: ${error.output.trim().split('\n').at(-1) ?? ''}` : '';
  return `${error.app} did not start (exit code ${error.exitCode ?? 'none'})${said}`;
}

export function describeExit({ code, signal }: AppExit): string {
  return signal ? `signal ${signal}` : `code ${code ?? 'none'}`;
}

/** Resolves once the app's output streams have ended (its last lines are out), or after a short wait. */
function lastLines(app: RunningApp): Promise<void> {
  const ended = (stream: Readable | null) =>
    new Promise<void>((resolve) => (stream === null || stream.readableEnded ? resolve() : stream.once('end', () => resolve())));
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => (timer = setTimeout(resolve, LAST_LINES_WAIT_MS)));
  return Promise.race([Promise.all([ended(app.process.stdout), ended(app.process.stderr)]).then(() => undefined), wait]).finally(() =>
    clearTimeout(timer),
  );
}
