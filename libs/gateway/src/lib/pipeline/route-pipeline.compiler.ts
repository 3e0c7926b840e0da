import type { INestApplication, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { FASTIFY_HANDLER } from './fastify-handler.decorator';
import { RouteAccessPipeline } from './route-access.pipeline';
import type { RouteTargets } from './route-execution.context';

/** The key under which a Nest route's Fastify route config names its controller and method. */
const ROUTE_TARGETS = 'gateway:routeTargets';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's handlers are plain functions
type Handler = Function;

/**
 * Compiles every route's cross-cutting work into Fastify, once, before the routes are registered
 * (after the Nest app is created, before `listen`):
 *
 * 1. each controller method that is a route gets its controller and method written into its
 *    Fastify route config (Nest passes a method's `@RouteConfig` on to Fastify as it is);
 * 2. as Fastify registers each such route (`onRoute`), it gets its access hook (see
 *    `RouteAccessPipeline`) as a route-level `preHandler`, after every shared hook (request id,
 *    deadline, telemetry, admission, web sessions); a `@FastifyHandler()` method becomes the
 *    route's handler itself.
 *
 * So Nest's guards are not in the request path at all: nothing about a route's access is looked
 * up per request that could be decided at start-up. A controller route that reached Fastify without
 * its hook stops the gateway at start-up (`onReady`). Routes registered outside Nest's controllers
 * (the OpenAPI documents, which are public) get no access hook, as before.
 */
export function compileRoutePipelines(nest: INestApplication, fastify: FastifyInstance): void {
  const access = nest.get(RouteAccessPipeline, { strict: false });
  const scanner = nest.get(MetadataScanner);
  const instances = new Map<Type<unknown>, object>();
  const named = new Map<Handler, Type<unknown>>();
  for (const wrapper of nest.get(DiscoveryService, { strict: false }).getControllers()) {
    const controller = wrapper.metatype as Type<unknown> | undefined;
    if (!controller) continue;
    if (wrapper.instance) instances.set(controller, wrapper.instance as object);
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      nameTargets(handler, controller);
      named.set(handler, controller);
    }
  }
  const compiled = new Set<Handler>();
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const targets = (route.config as Record<string, unknown> | undefined)?.[ROUTE_TARGETS] as RouteTargets | undefined;
    if (!targets) return;
    route.preHandler = [...[route.preHandler ?? []].flat(), access.compile(targets)];
    compiled.add(targets.handler);
    if (Reflect.getMetadata(FASTIFY_HANDLER, targets.handler) !== true) return;
    const instance = instances.get(targets.controller);
    if (!instance) throw new Error(`${targets.controller.name}.${targets.handler.name} is a @FastifyHandler() of a controller that is not a singleton`);
    const handle = targets.handler as (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    // Not an async handler: Fastify would send an empty answer of its own when the promise
    // settles before a streamed body has started. The method answers through the reply; a
    // failure is sent as an error (to the error handler, and so to the exception filter).
    route.handler = (request, reply) => {
      handle.call(instance, request, reply).catch((error: unknown) => reply.send(error));
    };
  });
  // The fail-safe: a controller route that reached Fastify without its access hook (its config
  // lost on the way) would be open to anyone. Then the gateway does not start.
  fastify.addHook('onReady', (done) => {
    const open = [...named].filter(([handler]) => !compiled.has(handler)).map(([handler, controller]) => `${controller.name}.${handler.name}`);
    done(open.length > 0 ? new Error(`routes without their access checks: ${open.join(', ')}`) : undefined);
  });
}

function nameTargets(handler: Handler, controller: Type<unknown>): void {
  const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as Record<string, unknown>;
  const named = config[ROUTE_TARGETS] as RouteTargets | undefined;
  if (named && named.controller !== controller) {
    // The config lives on the method: two controllers sharing one could not tell their routes apart.
    throw new Error(`${controller.name}.${handler.name} is also a route of ${named.controller.name}: a route method cannot be shared between controllers`);
  }
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, [ROUTE_TARGETS]: { controller, handler } }, handler);
}
