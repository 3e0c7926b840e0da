import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedUser } from './authenticated-user';
import { AuthorizationError } from './authentication.error';
import { Roles, Scopes } from './authorization.decorators';
import { AuthorizationGuard } from './authorization.guard';

class Routes {
  @Roles('admin', 'support') adminOnly(): string {
    return 'admin page';
  }
  @Scopes('orders:read', 'orders:write') placeOrder(): string {
    return 'order placed';
  }
  open(): string {
    return 'open page';
  }
}

const caller = (roles: string[], scopes: string[]): AuthenticatedUser => ({ sub: 'u1', roles, scopes, expiresAt: 0 });

/** The slice of an ExecutionContext the guard reads: the handler, its class, and the request's user. */
function contextFor(handler: keyof Routes, user: AuthenticatedUser | undefined): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

describe('AuthorizationGuard', () => {
  const guard = new AuthorizationGuard(new Reflector());

  it('lets through any caller on a route that asks for nothing', () => {
    expect(guard.canActivate(contextFor('open', caller([], [])))).toBe(true);
  });

  it('needs one of the roles a route names', () => {
    expect(guard.canActivate(contextFor('adminOnly', caller(['support'], [])))).toBe(true);
    expect(() => guard.canActivate(contextFor('adminOnly', caller(['customer'], [])))).toThrow(new AuthorizationError('insufficient_role'));
  });

  it('needs every scope a route names', () => {
    expect(guard.canActivate(contextFor('placeOrder', caller([], ['orders:read', 'orders:write', 'profile:read'])))).toBe(true);
    expect(() => guard.canActivate(contextFor('placeOrder', caller([], ['orders:read'])))).toThrow(new AuthorizationError('insufficient_scope'));
  });
});
