import { recordSessionResolution, SESSION_COOKIE } from '@bff/auth';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorCodes, type FastifyInstance } from 'fastify';
import { sessionCookieOptions } from './session.cookies';
import { WebSessionService } from './web-session.service';

/** The route the provider posts logout tokens to: the only one that takes a form body. */
export const BACKCHANNEL_LOGOUT_ROUTE = '/api/auth/backchannel-logout';
const FORM = 'application/x-www-form-urlencoded';
/** Logout tokens are a few hundred bytes. */
const FORM_BODY_LIMIT = 16 * 1024;

/**
 * Wires web sessions into Fastify: a preHandler hook resolves the session cookie (look-up, refresh) for
 * every route before the guards run, since passport's token extraction cannot wait for I/O, and records
 * the outcome for the token extractor (`recordSessionResolution`); a cookie whose session is gone is
 * cleared. And form bodies (OpenID Connect Back-Channel Logout posts one) are parsed for the
 * back-channel logout route only: elsewhere they are a 415, so no cross-site form can post to the API.
 */
@Injectable()
export class SessionResolutionHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly sessions: WebSessionService,
  ) {}

  onModuleInit(): void {
    // Hooks and parsers added before the server is ready apply to every route, those already declared included.
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('preHandler', async (request, reply) => {
      const sessionId = request.cookies[SESSION_COOKIE];
      // A request with an Authorization header is judged by that header alone.
      if (sessionId === undefined || request.headers.authorization !== undefined) return;
      const resolution = await this.sessions.resolve(sessionId);
      recordSessionResolution(request, resolution);
      if (!resolution.session && !('failure' in resolution)) void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions());
    });

    if (fastify.hasContentTypeParser(FORM)) fastify.removeContentTypeParser(FORM);
    fastify.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (request, body, done) => {
      if (request.routeOptions.url !== BACKCHANNEL_LOGOUT_ROUTE) return done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(FORM));
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
  }
}
