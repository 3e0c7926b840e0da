import type { ExecutionContext, Type } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ExecutionContext['switchToRpc']>;
type WsArgumentsHost = ReturnType<ExecutionContext['switchToWs']>;

/** The controller class and the method a route was declared with: what its decorators are read from. */
export interface RouteTargets {
  controller: Type<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's handlers are plain functions
  handler: Function;
}

/**
 * Nest's `ExecutionContext` for a guard called from a Fastify hook: the request and reply of an
 * HTTP request, and the route's controller and method, so that a guard reads the same decorators
 * (`@Public()`, `@Scopes()`, `@SkipThrottle()`...) it reads when Nest calls it. HTTP only.
 */
export class RouteExecutionContext implements ExecutionContext, HttpArgumentsHost {
  private readonly args: [FastifyRequest, FastifyReply];

  constructor(
    request: FastifyRequest,
    reply: FastifyReply,
    private readonly route: RouteTargets,
  ) {
    this.args = [request, reply];
  }

  getClass<T = unknown>(): Type<T> {
    return this.route.controller as Type<T>;
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- as Nest's own signature
  getHandler(): Function {
    return this.route.handler;
  }

  getArgs<T extends unknown[] = unknown[]>(): T {
    return this.args as unknown as T;
  }

  getArgByIndex<T = unknown>(index: number): T {
    return this.args[index] as T;
  }

  getType<TContext extends string = 'http'>(): TContext {
    return 'http' as TContext;
  }

  switchToHttp(): HttpArgumentsHost {
    return this;
  }

  switchToRpc(): RpcArgumentsHost {
    throw new Error('RouteExecutionContext is HTTP only');
  }

  switchToWs(): WsArgumentsHost {
    throw new Error('RouteExecutionContext is HTTP only');
  }

  getRequest<T = FastifyRequest>(): T {
    return this.args[0] as T;
  }

  getResponse<T = FastifyReply>(): T {
    return this.args[1] as T;
  }

  getNext<T = undefined>(): T {
    return undefined as T;
  }
}
