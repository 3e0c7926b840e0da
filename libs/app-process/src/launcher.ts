// Launching built apps as child processes: for npm start, the e2e tests and the benchmark.
// A separate entry point so that apps, which import the main barrel, never bundle it.
export * from './lib/app.launcher';
export * from './lib/app.output';
export * from './lib/app.supervisor';
export * from './lib/prefixed.lines';
export * from './lib/system.launcher';
export * from './lib/cluster.launcher';
export * from './lib/gateway-defaults.reader';
export * from './lib/supervisor.console';
