import { Public, Scopes } from '@bff/auth';
import { ApiPassThrough, callContextOf, FastifyHandler } from '@bff/gateway';
import { applyDecorators, Controller, Delete, Get, Patch, Post, Put, Req, Res, type Type, VERSION_NEUTRAL } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PASS_THROUGH_ROUTE_CONFIG } from './held-body.hook';
import { PassThroughRouter } from './pass-through.router';
import type { PassThroughRoute } from './route-table.schema';

/**
 * A Nest controller for one route of the table: the route's declaration (its
 * paths, its access decorators, its OpenAPI description), whose methods Fastify
 * calls itself (`@FastifyHandler()`), so that a routed call goes through
 * everything a gateway route does (the edge pipeline's authentication, scopes,
 * rate limits, request ids, deadlines, logs and metrics, and the exception
 * filter) and nothing of Nest's per-request layers. Every method and every path under the prefix is mapped, so that the
 * router answers what the route does not allow in the error shape: a path it does
 * not name 404, a method its path does not take 405. Version-neutral: served
 * unversioned (`/api/catalog/*`) even on a gateway with URI versioning.
 */
export function passThroughController(route: PassThroughRoute): Type<unknown> {
  const access = route.auth === 'public' ? [Public()] : route.scopes.length > 0 ? [Scopes(...route.scopes)] : [];

  @Controller({ path: route.prefix, version: VERSION_NEUTRAL })
  @applyDecorators(...access)
  @ApiPassThrough(route)
  class PassThroughController {
    constructor(private readonly router: PassThroughRouter) {}

    @Get('*')
    @RouteConfig(PASS_THROUGH_ROUTE_CONFIG)
    @FastifyHandler()
    get(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
      return this.router.forward(route, request, reply, callContextOf(request));
    }

    @Post('*')
    @RouteConfig(PASS_THROUGH_ROUTE_CONFIG)
    @FastifyHandler()
    post(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
      return this.router.forward(route, request, reply, callContextOf(request));
    }

    @Put('*')
    @RouteConfig(PASS_THROUGH_ROUTE_CONFIG)
    @FastifyHandler()
    put(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
      return this.router.forward(route, request, reply, callContextOf(request));
    }

    @Patch('*')
    @RouteConfig(PASS_THROUGH_ROUTE_CONFIG)
    @FastifyHandler()
    patch(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
      return this.router.forward(route, request, reply, callContextOf(request));
    }

    @Delete('*')
    @RouteConfig(PASS_THROUGH_ROUTE_CONFIG)
    @FastifyHandler()
    delete(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
      return this.router.forward(route, request, reply, callContextOf(request));
    }
  }

  // Nest names controllers in its logs by class: one name per route.
  const name = route.prefix.split(/[/-]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  Object.defineProperty(PassThroughController, 'name', { value: `PassThrough${name}Controller` });
  return PassThroughController;
}
