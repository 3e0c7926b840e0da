import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A loopback HTTP endpoint standing in for a client's back-channel logout URI: it records every request
 * and answers 200 (or `status`), so that a test can look at what the provider sent.
 */
export class BackchannelReceiver {
  readonly received: ReceivedRequest[] = [];
  private readonly server: Server;
  private waiters: Array<() => void> = [];
  private status = 200;

  constructor() {
    this.server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        this.received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        response.writeHead(this.status).end();
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
  }

  /** Listens on 127.0.0.1 and resolves with the URI to register (`<origin>/backchannel-logout`). */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/backchannel-logout`;
  }

  /** Answers later requests with this status (a client that fails its logout). */
  answerWith(status: number): void {
    this.status = status;
  }

  /** Resolves once `count` requests have arrived in all; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 5_000): Promise<ReceivedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the receiver got ${this.received.length} request(s), not ${count}, within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
