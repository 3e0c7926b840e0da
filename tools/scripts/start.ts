// npm start: runs the built apps together on their fixed ports (see DEFAULT_PORTS) and prints each URL.
// Ctrl+C stops them all. `npm start` builds first; run this directly to skip the build.
import { launchSystem } from '@bff/app-process/launcher';

async function main(): Promise<void> {
  const system = await launchSystem({
    fixedPorts: true,
    serviceEnv: { FAULT_INJECTION: 'on' },
  });
  const rows = [system.identity, ...Object.values(system.services), ...Object.values(system.gateways)];
  process.stdout.write('\nAll apps are up:\n');
  for (const app of rows) process.stdout.write(`  ${app.name.padEnd(24)} ${app.url}\n`);
  process.stdout.write(
    '\nTry:\n' +
      '  curl -H "Authorization: Bearer $(npm run -s token -- u42)" localhost:3000/api/profile\n' +
      '  curl -H "Authorization: Bearer $(npm run -s token -- u42 mobile)" localhost:3001/api/profile\n' +
      '\nCtrl+C stops everything.\n',
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  for (const app of rows) {
    app.process.once('exit', (code) => {
      if (stopping) return;
      process.stderr.write(`${app.name} exited (${code ?? 'signal'}); its output:\n${app.output()}\nstopping the rest\n`);
      void stop().then(() => process.exit(1));
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
