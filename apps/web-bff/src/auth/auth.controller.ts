import { type AuthenticatedUser, type AuthRequest, CurrentUser, Public } from '@bff/auth';
import { ApiExcludedRoute, ApiNoServiceCalls, ApiResponseSchema, ApiSummary } from '@bff/openapi';
import { ZodValidationPipe } from '@bff/request-validation';
import {
  LOGIN_COOKIE,
  loginCookieOptions,
  SESSION_COOKIE,
  sessionCookieOptions,
  SignInFailedError,
  SignInFlow,
  WebSessionService,
} from '@bff/web-session';
import { Body, Controller, Get, Headers, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { endedSessionSchema, type SessionView, sessionViewSchema, toSessionView } from './session.view';

const backchannelLogoutSchema = z.object({ logout_token: z.string().min(1).max(16_384) });

/** Nothing about signing in or out is cached, by the browser or on the way. */
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/**
 * The browser's session (the backend-for-frontend pattern of draft-ietf-oauth-browser-based-apps):
 * web-bff signs the user in at the OpenID Provider as a confidential client and keeps the tokens on the
 * server; the browser holds only an HttpOnly session cookie. Every route maps to one call of
 * `@bff/web-session`.
 */
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInFlow,
    private readonly sessions: WebSessionService,
  ) {}

  /** A browser navigation, not an API call: answered with redirects, so left out of the OpenAPI document. */
  @Public()
  @Get('login')
  @ApiExcludedRoute()
  async login(@Query('returnTo') returnTo: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const started = await this.signIn.begin(returnTo, `${request.protocol}://${request.host}`);
      void noStore(reply).setCookie(LOGIN_COOKIE, started.loginCookie, loginCookieOptions()).redirect(started.authorizationUrl, 302);
    } catch (error) {
      this.signInFailed(reply, error);
    }
  }

  /** Where the provider sends the browser back; a redirect to the web app either way. */
  @Public()
  @Get('callback')
  @ApiExcludedRoute()
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    try {
      const done = await this.signIn.complete(query, request.cookies[LOGIN_COOKIE]);
      void noStore(reply)
        .clearCookie(LOGIN_COOKIE, loginCookieOptions(0))
        .setCookie(SESSION_COOKIE, done.sessionId, sessionCookieOptions(done.session.expiresAt - Date.now() / 1000))
        .redirect(done.returnTo, 302);
    } catch (error) {
      this.signInFailed(reply, error);
    }
  }

  @Get('session')
  @ApiSummary('The current session: who is signed in, until when, and its CSRF token')
  @ApiResponseSchema('SessionView', sessionViewSchema)
  @ApiNoServiceCalls()
  session(@CurrentUser() user: AuthenticatedUser, @Req() request: AuthRequest, @Res({ passthrough: true }) reply: FastifyReply): SessionView {
    noStore(reply);
    return toSessionView(user, request.auth?.session);
  }

  /** Ends the cookie session (a cookie-authenticated change, so it needs the CSRF token like any other). */
  @Post('logout')
  @HttpCode(200)
  @ApiSummary(
    'Sign out: ends the session on every instance, revokes its refresh token at the identity provider, clears the cookie',
    'Answers the provider’s end-session URL: send the browser there to sign out at the provider too.',
  )
  @ApiResponseSchema('EndedSession', endedSessionSchema)
  async logout(@Req() request: FastifyRequest, @Headers('origin') origin: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<z.infer<typeof endedSessionSchema>> {
    const ended = await this.sessions.logout(request.cookies[SESSION_COOKIE], origin);
    void noStore(reply).clearCookie(SESSION_COOKIE, sessionCookieOptions());
    return ended;
  }

  /** The provider's, not the app's: a form post of a signed logout token (OpenID Connect Back-Channel Logout 1.0). */
  @Public()
  @Post('backchannel-logout')
  @HttpCode(200)
  @ApiExcludedRoute()
  async backchannelLogout(@Body(new ZodValidationPipe(backchannelLogoutSchema)) body: z.infer<typeof backchannelLogoutSchema>, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    noStore(reply);
    await this.sessions.backchannelLogout(body.logout_token);
  }

  /** A sign-in that cannot go on lands on the web app with its reason, never a stack trace or a JSON error. */
  private signInFailed(reply: FastifyReply, error: unknown): void {
    if (!(error instanceof SignInFailedError)) throw error;
    void noStore(reply)
      .clearCookie(LOGIN_COOKIE, loginCookieOptions(0))
      .redirect(this.signIn.returnTo.withSignInError(error.returnTo, error.reason), 302);
  }
}
