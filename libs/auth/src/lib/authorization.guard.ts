import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthRequest } from './auth.request';
import { AuthorizationError } from './authentication.error';
import { REQUIRED_ROLES, REQUIRED_SCOPES } from './authorization.decorators';
import { RouteMetadataCache } from './route-metadata.cache';

/** Global guard after authentication: enforces `@Roles()` (any of) and `@Scopes()` (all of) with a 403. */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  private readonly requirements = new RouteMetadataCache((targets) => ({
    roles: this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets),
    scopes: this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets),
  }));

  constructor(private readonly reflector: Reflector) {}

  /** Whether the route (its method and controller) names roles or scopes at all: read once per route. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's handlers and controllers are plain functions
  appliesTo(handler: Function, controller: Function): boolean {
    const { roles, scopes } = this.requirements.forRoute(handler, controller);
    return Boolean(roles ?? scopes);
  }

  canActivate(context: ExecutionContext): boolean {
    const { roles, scopes } = this.requirements.of(context);
    if (!roles && !scopes) return true;
    const user = context.switchToHttp().getRequest<AuthRequest>().user;
    if (roles && !roles.some((role) => user?.roles.includes(role))) throw new AuthorizationError('insufficient_role');
    if (scopes && !scopes.every((scope) => user?.scopes.includes(scope))) throw new AuthorizationError('insufficient_scope');
    return true;
  }
}
