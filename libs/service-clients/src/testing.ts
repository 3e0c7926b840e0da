import type { DownstreamServiceName } from '@bff/config';
import { Test, type TestingModule } from '@nestjs/testing';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceClientsModule } from './lib/service-clients.module';
import type { ServiceClientsOptions } from './lib/service-clients.options';

/**
 * A real HTTP server on a free loopback port, for specs that need a service behind the gateway:
 * a subclass answers in `handle` and keeps what it wants of each request.
 */
export abstract class LoopbackServer {
  url = '';
  private readonly server: Server = createServer((request, response) => this.handle(request, response));

  protected abstract handle(request: IncomingMessage, response: ServerResponse): void;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Every service at one URL, for specs in which one stand-in answers for all of them. */
export function everyServiceAt(url: string): Record<DownstreamServiceName, string> {
  return { user: url, order: url, catalog: url, recommendation: url, identity: url };
}

/** The lib's module with every service at `url` (a LoopbackServer's), compiled; `timeoutMs` 500 unless given. */
export function serviceClientsAt(url: string, options: Partial<ServiceClientsOptions> = {}): Promise<TestingModule> {
  return Test.createTestingModule({ imports: [ServiceClientsModule.forRoot({ baseUrls: everyServiceAt(url), timeoutMs: 500, ...options })] }).compile();
}
