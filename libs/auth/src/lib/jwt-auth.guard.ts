import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { AuthenticatedUser } from './authenticated-user';
import { AuthenticationError } from './authentication.error';
import { IS_PUBLIC } from './public.decorator';

/** Global guard: every route needs a valid bearer token unless it is `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic || super.canActivate(context);
  }

  override handleRequest<TUser = AuthenticatedUser>(
    _error: unknown,
    user: TUser | false,
    _info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (user) return user;
    const { authorization } = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers;
    throw new AuthenticationError(authorization ? 'invalid_token' : 'missing_token');
  }
}
