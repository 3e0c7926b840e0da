import { GatewayExceptionFilter } from '@bff/gateway';
import { ServiceClientsModule } from '@bff/service-clients';
import { LoopbackServer } from '@bff/service-clients/testing';
import { Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineRoutes, type RouteTable } from './route-table.schema';
import { RoutingModule } from './routing.module';

// For the router's specs only (not exported): a gateway of one route table in front of a fake service, both on loopback.

export const FILES_LIMIT_BYTES = 64 * 1024;

/** The route of these specs: uploads and reads of files, on a fake service behind a real gateway. */
export const FILES_ROUTES = defineRoutes([
  {
    prefix: '/files',
    service: 'user',
    target: '/v1/files',
    paths: [
      { path: '/upload', methods: ['POST'] },
      { path: '/echo', methods: ['POST'] },
      { path: '/:name', methods: ['GET'] },
      { path: '/:folder/:name', methods: ['GET'] },
    ],
    auth: 'public',
    headers: ['accept', 'x-client-version'],
    maxBodyBytes: FILES_LIMIT_BYTES,
  },
]);

export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** Fails instead of hanging when what it waits for never happens (a buffering router). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref())]);
}

/** The service behind the route, on loopback: a real HTTP server whose handlers each test sets. */
export class FakeService extends LoopbackServer {
  handler: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.end();
  readonly seen: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders }> = [];

  protected handle(request: IncomingMessage, response: ServerResponse): void {
    this.seen.push({ method: request.method, url: request.url, headers: request.headers });
    this.handler(request, response);
  }
}

export interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A Nest/Fastify gateway with the one error filter and the routing module, under `/api`. */
export class RoutedGateway {
  readonly service = new FakeService();
  private app: NestFastifyApplication | undefined;
  private base = { hostname: '127.0.0.1', port: 0 };

  async start(routes: RouteTable): Promise<this> {
    await this.service.start();
    const url = this.service.url;

    @Module({
      imports: [
        ServiceClientsModule.forRoot({
          baseUrls: { user: url, order: url, catalog: url, recommendation: url, identity: url },
          timeoutMs: 2_000,
          circuit: { errorThresholdPercent: 50, volumeThreshold: 1000, windowMs: 10_000, resetMs: 5_000 },
        }),
        RoutingModule.forRoot(routes),
      ],
      providers: [{ provide: APP_FILTER, useClass: GatewayExceptionFilter }],
    })
    class TestGatewayModule {}

    this.app = await NestFactory.create<NestFastifyApplication>(TestGatewayModule, new FastifyAdapter(), { logger: false });
    this.app.setGlobalPrefix('api');
    await this.app.listen(0, '127.0.0.1');
    this.base = { hostname: '127.0.0.1', port: (this.app.getHttpServer().address() as AddressInfo).port };
    return this;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.service.stop();
  }

  /** A request whose body the test writes piece by piece; resolves with the whole answer. */
  open(method: string, path: string, headers: Record<string, string> = {}) {
    const answered = deferred<Exchange>();
    const firstChunk = deferred<string>();
    const outgoing = request({ ...this.base, method, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        if (body === '') firstChunk.resolve(chunk.toString());
        body += chunk.toString();
      });
      response.on('end', () => answered.resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', () => undefined);
    return { outgoing, answered: answered.promise, firstChunk: firstChunk.promise };
  }

  /** The port and host, for a request the test makes itself. */
  get address(): { hostname: string; port: number } {
    return this.base;
  }
}
