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
 * up per request that could be decided at start-up. Routes registered outside Nest's controllers
 * (the OpenAPI documents) get no access hook, as before.
 */
export function compileRoutePipelines(nest: INestApplication, fastify: FastifyInstance): void {
  const access = nest.get(RouteAccessPipeline, { strict: false });
  const instances = new Map<Type<unknown>, object>();
  const scanner = nest.get(MetadataScanner);
  for (const wrapper of nest.get(DiscoveryService, { strict: false }).getControllers()) {
    const controller = wrapper.metatype as Type<unknown> | undefined;
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!controller || !instance) continue;
    instances.set(controller, instance);
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
      const handler = instance[name];
      if (typeof handler === 'function' && Reflect.getMetadata(PATH_METADATA, handler) !== undefined) nameTargets(handler, controller);
    }
  }
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const targets = (route.config as Record<string, unknown> | undefined)?.[ROUTE_TARGETS] as RouteTargets | undefined;
    if (!targets) return;
    route.preHandler = [...[route.preHandler ?? []].flat(), access.compile(targets)];
    const instance = instances.get(targets.controller);
    if (instance && Reflect.getMetadata(FASTIFY_HANDLER, targets.handler) === true) {
      const handle = targets.handler as (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
      // Not an async handler: Fastify would send an empty answer of its own when the promise
      // settles before a streamed body has started. The method answers through the reply; a
      // failure is sent as an error (to the error handler, and so to the exception filter).
      route.handler = (request, reply) => {
        handle.call(instance, request, reply).catch((error: unknown) => reply.send(error));
      };
    }
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
