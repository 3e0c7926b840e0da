import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands between identity-service and web-bff's back-channel logout route: passes each logout post on
 * unchanged (answering what web-bff answered) and keeps its logout token, so that a test can send the
 * very token again (a replay) to any instance.
 */
export class BackchannelRelay {
  /** The logout tokens relayed so far, in order, with web-bff's status for each. */
  readonly relayed: Array<{ logoutToken: string; status: number }> = [];
  private readonly server: Server;
  private target = '';

  constructor() {
    this.server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        void fetch(this.target, { method: 'POST', headers: { 'content-type': request.headers['content-type'] ?? '' }, body }).then(
          (answer) => {
            this.relayed.push({ logoutToken: new URLSearchParams(body).get('logout_token') ?? '', status: answer.status });
            response.writeHead(answer.status).end();
          },
          () => response.writeHead(502).end(),
        );
      });
    });
  }

  /** Listens on loopback; resolves with the URI to register at the provider. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/backchannel-logout`;
  }

  /** Where logout posts go on to (a web-bff's `/api/auth/backchannel-logout`). */
  relayTo(url: string): void {
    this.target = url;
  }

  /** Resolves once `count` posts have been relayed; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 5_000): Promise<Array<{ logoutToken: string; status: number }>> {
    const deadline = Date.now() + timeoutMs;
    while (this.relayed.length < count) {
      if (Date.now() > deadline) throw new Error(`${this.relayed.length} logout post(s) relayed, not ${count}, within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.relayed;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
