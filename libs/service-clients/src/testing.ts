import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
