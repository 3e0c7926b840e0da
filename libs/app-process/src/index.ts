export * from './lib/config-failure';
export * from './lib/ready-line';
