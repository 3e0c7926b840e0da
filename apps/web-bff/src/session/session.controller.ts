import { type AuthenticatedUser, type AuthRequest, CurrentUser, Public, SESSION_COOKIE, WebSessionService } from '@bff/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '@bff/config';
import { CallContext } from '@bff/gateway';
import { ApiEmptyResponse, ApiErrorResponse, ApiNoServiceCalls, ApiResponseSchema, ApiSummary, ValidBody } from '@bff/openapi';
import type { DownstreamCallContext } from '@bff/service-clients';
import { LoginAttempt } from '@bff/throttling';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type SessionView, sessionViewSchema, toSessionView } from './session.view';

const credentialsSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(256),
});

/**
 * The browser's session (the BFF pattern for single-page apps): web-bff signs
 * in with identity-service and keeps the token in an encrypted HttpOnly cookie.
 */
@Controller('auth')
export class SessionController {
  constructor(
    private readonly sessions: WebSessionService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @LoginAttempt()
  @Post('login')
  @HttpCode(200)
  @ApiSummary('Sign in: sets the HttpOnly session cookie and answers the session with its CSRF token')
  @ApiResponseSchema('SessionView', sessionViewSchema)
  @ApiErrorResponse(401, 'Wrong email or password')
  async login(
    @ValidBody('Credentials', credentialsSchema) credentials: z.infer<typeof credentialsSchema>,
    @CallContext() context: DownstreamCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const started = await this.sessions.start(credentials, context);
    void reply.setCookie(SESSION_COOKIE, started.cookie, { ...this.cookieOptions(), maxAge: started.maxAgeSeconds });
    return toSessionView(started.user, started.session.csrfToken);
  }

  /** Ends the cookie session (a cookie-authenticated call, so it needs the CSRF token like any change). */
  @Post('logout')
  @HttpCode(204)
  @ApiSummary('Sign out: clears the session cookie')
  @ApiEmptyResponse('Signed out')
  @ApiNoServiceCalls()
  logout(@Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  @Get('session')
  @ApiSummary('The current session: who is signed in, until when, and its CSRF token')
  @ApiResponseSchema('SessionView', sessionViewSchema)
  @ApiNoServiceCalls()
  session(@CurrentUser() user: AuthenticatedUser, @Req() request: AuthRequest): SessionView {
    return toSessionView(user, request.auth?.session?.csrfToken);
  }

  private cookieOptions(): CookieSerializeOptions {
    return { httpOnly: true, secure: this.config.session.secureCookie, sameSite: 'strict', path: '/api' };
  }
}
