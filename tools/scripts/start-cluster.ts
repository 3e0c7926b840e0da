// npm run start:cluster: the built apps with two instances of each gateway sharing one Redis, as behind
// a load balancer (without one: each instance on its own port). identity-service and the sample services
// run once, on their fixed ports; web-bff on 3000 and 3010, mobile-bff on 3001 and 3011 (metrics 9464/9474,
// 9465/9475). Ctrl+C stops them all. `npm run start:cluster` builds first; run this directly to skip the build.
import { launchCluster, RedisUnavailableError } from '@bff/app-process/launcher';

/** The Redis our machines and CI run (the e2e tests use it too, under prefixes of their own). */
const REDIS_URL = 'redis://127.0.0.1:6379';

async function main(): Promise<void> {
  const cluster = await launchCluster({
    fixedPorts: true,
    instancesPerGateway: 2,
    redisUrl: REDIS_URL,
    serviceEnv: { FAULT_INJECTION: 'on' },
  });
  const apps = cluster.apps();

  process.stdout.write('\nAll apps are up:\n');
  for (const app of [cluster.identity, ...Object.values(cluster.services)]) process.stdout.write(`  ${app.name.padEnd(24)} ${app.url}\n`);
  for (const instances of Object.values(cluster.instances)) {
    for (const gateway of instances) {
      process.stdout.write(`  ${`${gateway.name} #${gateway.instance}`.padEnd(24)} ${gateway.url}   metrics ${gateway.metricsUrl}\n`);
    }
  }
  process.stdout.write(
    `\nThe gateway instances count rate limits together in ${REDIS_URL}:\n` +
      '  TOKEN=$(npm run -s token -- u42)\n' +
      '  curl -si -H "Authorization: Bearer $TOKEN" localhost:3000/api/profile | grep -i x-ratelimit-remaining:\n' +
      '  curl -si -H "Authorization: Bearer $TOKEN" localhost:3010/api/profile | grep -i x-ratelimit-remaining:   # one less\n' +
      '\nCtrl+C stops everything.\n',
  );

  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    await cluster.stop();
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const app of apps) {
    app.process.once('exit', (code) => {
      if (stopping) return;
      process.stderr.write(`${app.name} exited (${code ?? 'signal'}); its output:\n${app.output()}\nstopping the rest\n`);
      void stop(1);
    });
  }
}

main().catch((error: unknown) => {
  const hint =
    error instanceof RedisUnavailableError
      ? '\nStart one with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n'
      : '\n';
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}${hint}`);
  process.exit(1);
});
