export * from './lib/web-session.module';
export type { WebSessionOptions } from './lib/web-session.options';
export { SignInFlow, type CompletedSignIn, type StartedSignIn } from './lib/sign-in.flow';
export { WebSessionService, type EndedSession } from './lib/web-session.service';
export { LOGIN_COOKIE, LOGIN_STATE_TTL_S, loginCookieOptions, SESSION_COOKIE, sessionCookieOptions } from './lib/session.cookies';
export { BACKCHANNEL_LOGOUT_ROUTE } from './lib/session-resolution.hook';
export * from './lib/web-session.errors';
