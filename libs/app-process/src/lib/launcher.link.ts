/** How long an app may take over its shutdown once its launcher is gone, before it ends at once. */
const SHUTDOWN_LIMIT_MS = 15_000;

/**
 * The argument `launchApp` starts an app with: the channel is the launcher's own, not one that any
 * other parent opened (a Jest worker, a process manager), which this must leave alone.
 */
export const LAUNCHED_FLAG = '--bff-launched';

/**
 * Ends this app when the launcher that started it is gone, however it went: a test whose start-up
 * timed out (its hooks never got the app to stop), an `npm start` that was killed. Without this such
 * apps run on with nobody to stop them, holding ports and CPU.
 *
 * `launchApp` starts apps with Node's IPC channel for this alone (and LAUNCHED_FLAG to say so); when
 * the launcher's end of it closes, the app gets SIGTERM, its usual graceful shutdown, and ends outright if that has
 * not finished within 15 s (with nobody reading its output, a write may never complete). An app
 * started any other way (a container, a shell, an orchestrator) has no channel, and this does nothing.
 */
export function exitWithLauncher(): void {
  const channel = process.channel;
  if (!channel || !process.argv.includes(LAUNCHED_FLAG)) return;
  // The channel alone keeps no app alive.
  channel.unref();
  process.once('disconnect', () => {
    setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref();
    process.kill(process.pid, 'SIGTERM');
  });
}
