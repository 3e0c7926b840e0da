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

/**
 * Runs a server's listen; when the port is taken (or not ours to use), prints one line naming
 * the variable and ends the process with status 1, as a configuration error would.
 */
export async function listenOrExit<T>(variable: string, port: number, listen: () => Promise<T>): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw error;
    process.stderr.write(`Cannot listen: ${variable}=${port} is ${code === 'EADDRINUSE' ? 'already in use' : 'not available'} (${String(code)})\n`);
    process.exit(1);
  }
}
