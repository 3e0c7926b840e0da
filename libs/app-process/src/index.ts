export * from './lib/config-failure';
export * from './lib/ready-line';
export * from './lib/launcher.link';
export * from './lib/module-compile.cache';
