import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { AppSupervisor } from './app.supervisor';

export interface SupervisorConsoleOptions {
  /** Where commands are typed, one per line. @default process.stdin */
  input?: Readable;
  /** Where the console's own messages go. */
  report: (message: string) => void;
}

/**
 * Makes a terminal the supervisor's console, for as long as this process lives: each line typed is a
 * command (`stop recommendation-service`), and Ctrl+C (SIGINT), SIGTERM or a closed terminal (SIGHUP)
 * stop every app and then this process. A second Ctrl+C while they stop kills what is left.
 *
 * The terminal keeps its line mode (no raw mode), so Ctrl+C reaches the apps too, as it would any
 * program started from this terminal; they are stopped again here in case one ignored it.
 */
export function attachSupervisorConsole(supervisor: AppSupervisor, options: SupervisorConsoleOptions): void {
  const input = options.input ?? process.stdin;
  const lines = createInterface({ input, terminal: false });
  // One command at a time, in the order typed.
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    queue = queue.then(() => supervisor.command(line)).catch((error: unknown) => options.report(String(error)));
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.report('stopping now (SIGKILL)');
      for (const name of supervisor.names) supervisor.current(name)?.process.kill('SIGKILL');
      process.exit(130);
    }
    stopping = true;
    options.report(`${signal}: stopping every app ...`);
    lines.close();
    void supervisor.stopAll().then(() => {
      options.report('all stopped');
      process.exit(0);
    });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
}
