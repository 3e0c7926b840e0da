import type { AddressInfo } from 'node:net';
import { exitWithLauncher } from './launcher.link';

/**
 * The line an app prints on standard output once it accepts connections.
 * Launchers (npm start, the e2e tests, the benchmark) wait for it and read the
 * URL from it, which is how an app started with PORT=0 tells its real port.
 */
export const READY_LINE = /^(\S+) listening on (http:\/\/\S+)$/m;

export function readyLine(app: string, address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') return `${app} listening on http://${address ?? 'unknown'}`;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${app} listening on http://${host}:${address.port}`;
}

/** Prints the ready line; an app started by a launcher also ends with it from now on (see exitWithLauncher). */
export function announceReady(app: string, address: AddressInfo | string | null): void {
  process.stdout.write(`${readyLine(app, address)}\n`);
  exitWithLauncher();
}
