import { loadConfigOrExit } from '@bff/app-process';
import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { holdPassThroughBodies } from './held-body.hook';
import { passThroughController } from './pass-through.controller';
import { PassThroughRouter } from './pass-through.router';
import { parseRouteTable, type RouteTable } from './route-table.schema';

/**
 * A gateway's declarative pass-through routes: `RoutingModule.forRoot(routes)`
 * next to `GatewayModule.forRoot(config)` in the app module. The table is
 * validated when the app starts; a bad one stops it with one line on stderr
 * and exit status 1, like a bad environment variable.
 */
@Module({})
export class RoutingModule implements OnModuleInit {
  static forRoot(table: RouteTable): DynamicModule {
    const routes = loadConfigOrExit(() => parseRouteTable(table));
    return { module: RoutingModule, controllers: routes.map(passThroughController), providers: [PassThroughRouter] };
  }

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Before `listen`, while Fastify still takes hooks. */
  onModuleInit(): void {
    holdPassThroughBodies(this.adapterHost.httpAdapter.getInstance<FastifyInstance>());
  }
}
