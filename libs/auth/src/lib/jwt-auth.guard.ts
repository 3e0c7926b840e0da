import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import type { AuthRequest } from './auth.request';
import type { AuthenticatedUser } from './authenticated-user';
import { AuthenticationError, AuthorizationError, VerificationKeysUnavailableError } from './authentication.error';
import { IS_PUBLIC } from './public.decorator';
import { RouteMetadataCache } from './route-metadata.cache';
import { CSRF_HEADER, SessionCodec } from './session.codec';
import { offeredCredentials } from './token.extractor';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: every route needs a valid bearer token (or, on web-bff, a
 * session cookie) unless it is `@Public()`. A cookie-authenticated request that
 * changes something must also carry the session's CSRF token in `X-CSRF-Token`.
 * Every refused token is a 401 (`AuthenticationError`), whatever failed; only
 * when the gateway has no keys at all is it a 503 (`VerificationKeysUnavailableError`).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionCodec,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {
    super();
  }

  private readonly isPublic = new RouteMetadataCache((targets) => Boolean(this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)));

  override canActivate(context: ExecutionContext) {
    return this.isPublic.of(context) || super.canActivate(context);
  }

  /** Whether the route (its method and controller) is `@Public()`: read once per route. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's handlers and controllers are plain functions
  isPublicRoute(handler: Function, controller: Function): boolean {
    return this.isPublic.forRoute(handler, controller);
  }

  /** The credentials check alone, for a route known not to be public (the edge pipeline decides that once per route). */
  authenticate(context: ExecutionContext): Promise<boolean> {
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser = AuthenticatedUser>(error: unknown, user: TUser | false, info: unknown, context: ExecutionContext): TUser {
    const request = context.switchToHttp().getRequest<AuthRequest>();
    // The gateway, not the token, is at fault: 503 rather than a 401 that would make the app drop a good token.
    const unavailable = [error, info].find((reason) => reason instanceof VerificationKeysUnavailableError);
    if (unavailable) throw unavailable;
    if (!user) {
      throw new AuthenticationError(offeredCredentials(request, Boolean(this.options.sessions)) ? 'invalid_token' : 'missing_token');
    }
    const session = request.auth?.session;
    if (session && !SAFE_METHODS.has(request.method) && !this.sessions.csrfMatches(session, request.headers[CSRF_HEADER])) {
      throw new AuthorizationError('csrf');
    }
    return user;
  }
}
