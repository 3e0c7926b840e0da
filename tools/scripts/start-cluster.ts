// npm run start:cluster: the built apps with two instances of each gateway sharing one Redis, as behind
// a load balancer (without one: each instance on its own port). identity-service and the sample services
// run once, on their fixed ports; web-bff on 3000 and 3010, mobile-bff on 3001 and 3011 (metrics 9464/9474,
// 9465/9475). Every line shows under its app's name (web-bff#2 for a second instance); an app that stops is
// reported and the rest keep running, as under npm start, with the same typed commands. Ctrl+C stops them all.
// `npm run start:cluster` builds first; `node tools/build/tool.runner.js start-cluster` skips the build.
import {
  AppSupervisor,
  attachSupervisorConsole,
  describeStartFailure,
  launchCluster,
  prefixedLines,
  RedisUnavailableError,
  type RunningApp,
  SUPERVISOR_HELP,
} from '@bff/app-process/launcher';
import { GATEWAY_APPS, IDENTITY_APP, SAMPLE_SERVICE_APPS } from '@bff/config';

/** The Redis our machines and CI run (the e2e tests use it too, under prefixes of their own). */
const REDIS_URL = 'redis://127.0.0.1:6379';
const INSTANCES = 2;
const SELF = 'start:cluster';

async function main(): Promise<void> {
  const instanceNames = GATEWAY_APPS.flatMap((name) => Array.from({ length: INSTANCES }, (_, index) => `${name}#${index + 1}`));
  const out = prefixedLines({
    names: [IDENTITY_APP, ...SAMPLE_SERVICE_APPS, ...instanceNames, SELF],
    colour: process.stdout.isTTY === true && process.stdout.hasColors(),
    stdout: process.stdout,
    stderr: process.stderr,
  });
  const note = (message: string) => out.note(SELF, message);
  const cluster = await launchCluster({
    fixedPorts: true,
    instancesPerGateway: INSTANCES,
    redisUrl: REDIS_URL,
    serviceEnv: { FAULT_INJECTION: 'on' },
    launch: { onLine: out.line, keepOutput: 64 * 1024 },
  });
  const named: Array<readonly [string, RunningApp]> = [cluster.identity, ...Object.values(cluster.services)].map((app) => [app.name, app] as const);
  for (const instances of Object.values(cluster.instances)) {
    for (const gateway of instances) named.push([`${gateway.name}#${gateway.instance}`, gateway]);
  }
  const supervisor = new AppSupervisor(named, note);
  attachSupervisorConsole(supervisor, { report: note });

  note('All apps are up:');
  for (const row of supervisor.status()) note(`  ${row}`);
  for (const instances of Object.values(cluster.instances)) {
    for (const gateway of instances) note(`  ${gateway.name}#${gateway.instance} metrics on ${gateway.metricsUrl}`);
  }
  note(`The gateway instances count rate limits together in ${REDIS_URL}:`);
  note('  TOKEN=$(npm run -s token -- u42)');
  note('  curl -si -H "Authorization: Bearer $TOKEN" localhost:3000/api/profile | grep -i x-ratelimit-remaining:');
  note('  curl -si -H "Authorization: Bearer $TOKEN" localhost:3010/api/profile | grep -i x-ratelimit-remaining:   # one less');
  note(SUPERVISOR_HELP);
}

main().catch((error: unknown) => {
  const hint =
    error instanceof RedisUnavailableError
      ? '\nStart one with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'
      : '';
  process.stderr.write(`${SELF}: ${describeStartFailure(error)}${hint}\n`);
  process.exit(1);
});
