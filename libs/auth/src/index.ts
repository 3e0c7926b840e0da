export * from './lib/auth.module';
export type { AuthOptions } from './lib/auth.options';
export * from './lib/authenticated-user';
export * from './lib/authentication.error';
export * from './lib/current-user.decorator';
export * from './lib/jwt-auth.guard';
export * from './lib/public.decorator';
