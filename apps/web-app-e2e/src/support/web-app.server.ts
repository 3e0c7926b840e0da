import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** The file a URL path names under root; undefined for a malformed path or one that climbs out of root. */
function fileUnder(root: string, path: string): string | undefined {
  try {
    const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)));
    return file.startsWith(root + sep) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The built web-app on a loopback port, as a static host would serve it. */
export class WebAppServer {
  /** web-bff's origin, handed to the page in `/config.js`; set once web-bff is up. */
  bffUrl: string | undefined;
  private readonly server: Server;

  private constructor(private readonly root: string) {
    this.server = createServer((request, response) => this.serve(request, response));
  }

  /** Serves `root` (dist/apps/web-app) on an ephemeral port of 127.0.0.1. */
  static async start(root: string): Promise<WebAppServer> {
    const app = new WebAppServer(root);
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    return app;
  }

  /** `http://127.0.0.1:<port>`: the origin web-bff's CORS_ORIGINS must allow. */
  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    // The runtime settings the app reads before it starts (apps/web-app/public/config.js).
    if (path === '/config.js') {
      const body = `window.webAppConfig = ${JSON.stringify({ bffUrl: this.bffUrl })};\n`;
      response.writeHead(200, { 'content-type': CONTENT_TYPES['.js'], 'cache-control': 'no-store' }).end(body);
      return;
    }
    const file = fileUnder(this.root, path);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  }
}
