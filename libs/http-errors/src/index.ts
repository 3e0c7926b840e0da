export * from './lib/framework-errors';
