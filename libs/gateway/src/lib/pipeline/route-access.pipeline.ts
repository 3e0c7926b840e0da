import { AuthorizationGuard, JwtAuthGuard } from '@bff/auth';
import { AuthFailureThrottlerGuard, GatewayThrottlerGuard } from '@bff/throttling';
import { ForbiddenException, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RouteExecutionContext, type RouteTargets } from './route-execution.context';

type AccessStep = (context: RouteExecutionContext) => boolean | Promise<boolean>;

/** A route's access checks, as one Fastify `preHandler`. */
export type RouteAccessHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * Who may call a route, and how often, as one Fastify hook per route, compiled once at start-up
 * (see `compileRoutePipelines`): the failed-authentication budget of the client address first (an
 * address over it gets 429 before its credentials are looked at), then authentication (skipped
 * on a `@Public()` route), authorization (only on a route that names roles or scopes), then the
 * caller's rate limits (which count the verified user). The steps are the gateway's guards, called
 * with the route's controller and method, so that they read the same decorators as when Nest calls
 * them and answer with the same errors, through the one exception filter.
 */
@Injectable()
export class RouteAccessPipeline {
  constructor(
    private readonly authFailures: AuthFailureThrottlerGuard,
    private readonly authentication: JwtAuthGuard,
    private readonly authorization: AuthorizationGuard,
    private readonly rateLimits: GatewayThrottlerGuard,
  ) {}

  compile(route: RouteTargets): RouteAccessHook {
    const steps: AccessStep[] = [(context) => this.authFailures.canActivate(context)];
    if (!this.authentication.isPublicRoute(route.handler, route.controller)) steps.push((context) => this.authentication.authenticate(context));
    if (this.authorization.appliesTo(route.handler, route.controller)) steps.push((context) => this.authorization.canActivate(context));
    steps.push((context) => this.rateLimits.canActivate(context));
    return async (request, reply) => {
      const context = new RouteExecutionContext(request, reply, route);
      for (const step of steps) {
        // What Nest answers to a guard that returns false; the gateway's guards throw their own errors instead.
        if (!(await step(context))) throw new ForbiddenException();
      }
    };
  }
}
