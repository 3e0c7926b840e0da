import type { ExecutionContext } from '@nestjs/common';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's handlers and controllers are plain functions
type RouteTarget = Function;

/**
 * What a guard reads from a route's decorators (`@Public()`, `@Roles()`), read once per handler
 * and controller and kept: decorators do not change at run time, and reflect-metadata lookups on
 * every request add up (measured in the README's performance section).
 */
export class RouteMetadataCache<T> {
  private readonly byHandler = new WeakMap<RouteTarget, WeakMap<RouteTarget, { value: T }>>();

  constructor(private readonly read: (targets: [RouteTarget, RouteTarget]) => T) {}

  of(context: ExecutionContext): T {
    return this.forRoute(context.getHandler(), context.getClass());
  }

  /** The same, for a route known by its method and controller (the edge pipeline, compiling it at start-up). */
  forRoute(handler: RouteTarget, controller: RouteTarget): T {
    let byController = this.byHandler.get(handler);
    if (!byController) this.byHandler.set(handler, (byController = new WeakMap()));
    let entry = byController.get(controller);
    if (!entry) byController.set(controller, (entry = { value: this.read([handler, controller]) }));
    return entry.value;
  }
}
