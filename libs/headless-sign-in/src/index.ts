export * from './lib/code-flow.sign-in';
export * from './lib/cookie.jar';
export * from './lib/headless.user-agent';
export * from './lib/pkce.pair';
export * from './lib/sign-in.form';
