import { ConfigError } from '@bff/config';

/**
 * Runs a configuration loader; on a ConfigError, prints its one line to
 * standard error and ends the process with status 1, with no stack trace.
 */
export function loadConfigOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
