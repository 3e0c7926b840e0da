import { GatewayExceptionFilter } from '@bff/gateway';
import { ServiceClientsModule } from '@bff/service-clients';
import { LoopbackServer } from '@bff/service-clients/testing';
import { Module } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineRoutes } from './route-table.schema';
import { RoutingModule } from './routing.module';

const LIMIT_BYTES = 64 * 1024;

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** Fails instead of hanging when what it waits for never happens (a buffering router). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref())]);
}

/** The service behind the route, on loopback: a real HTTP server whose handlers each test sets. */
class FakeService extends LoopbackServer {
  handler: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.end();
  readonly seen: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders }> = [];

  protected handle(request: IncomingMessage, response: ServerResponse): void {
    this.seen.push({ method: request.method, url: request.url, headers: request.headers });
    this.handler(request, response);
  }
}

interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('PassThroughRouter over HTTP (a POST-and-GET route to a fake service)', () => {
  let service: FakeService;
  let app: NestFastifyApplication;
  let base: { hostname: string; port: number };

  beforeAll(async () => {
    service = await new FakeService().start();
    const url = service.url;
    const routes = defineRoutes([
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
        maxBodyBytes: LIMIT_BYTES,
      },
    ]);

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

    app = await NestFactory.create<NestFastifyApplication>(TestGatewayModule, new FastifyAdapter(), { logger: false });
    app.setGlobalPrefix('api');
    await app.listen(0, '127.0.0.1');
    base = { hostname: '127.0.0.1', port: (app.getHttpServer().address() as AddressInfo).port };
  });
  afterAll(async () => {
    await app?.close();
    await service?.stop();
  });
  beforeEach(() => {
    service.seen.length = 0;
  });

  /** A request whose body the test writes piece by piece; resolves with the whole answer. */
  function open(method: string, path: string, headers: Record<string, string> = {}) {
    const answered = deferred<Exchange>();
    const firstChunk = deferred<string>();
    const outgoing = request({ ...base, method, path, headers }, (response) => {
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

  it('streams the request body: the service has the first part before the client sends the rest', async () => {
    const firstPartArrived = deferred();
    service.handler = (incoming, response) => {
      let received = '';
      incoming.on('data', (chunk: Buffer) => {
        received += chunk.toString();
        if (received.startsWith('first part')) firstPartArrived.resolve();
      });
      incoming.on('end', () => response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ received })));
    };
    const { outgoing, answered } = open('POST', '/api/files/upload?name=a.txt', { 'content-type': 'text/plain' });
    outgoing.write('first part;');
    await within(firstPartArrived.promise, 2_000, 'the first part reaching the service');
    outgoing.end('second part');

    const exchange = await answered;
    expect(exchange.status).toBe(201);
    expect(JSON.parse(exchange.body)).toEqual({ received: 'first part;second part' });
    expect(service.seen[0]).toMatchObject({ method: 'POST', url: '/v1/files/upload?name=a.txt' });
    expect(service.seen[0]?.headers['content-type']).toBe('text/plain');
  });

  it('streams the response body: the client has the first part before the service sends the rest', async () => {
    const clientHasFirstPart = deferred();
    service.handler = (_incoming, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first part;');
      void clientHasFirstPart.promise.then(() => response.end('second part'));
    };
    const { outgoing, answered, firstChunk } = open('GET', '/api/files/report');
    outgoing.end();
    expect(await within(firstChunk, 2_000, 'the first part reaching the client')).toBe('first part;');
    clientHasFirstPart.resolve();
    expect((await answered).body).toBe('first part;second part');
  });

  it('streams a response body the service gives the length of, too', async () => {
    const first = 'a'.repeat(16 * 1024);
    const rest = 'b'.repeat(64 * 1024);
    const clientHasFirstPart = deferred();
    service.handler = (_incoming, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(first.length + rest.length) });
      response.write(first);
      void clientHasFirstPart.promise.then(() => response.end(rest));
    };
    const { outgoing, answered, firstChunk } = open('GET', '/api/files/large');
    outgoing.end();
    expect((await within(firstChunk, 2_000, 'the first part reaching the client')).startsWith('a')).toBe(true);
    clientHasFirstPart.resolve();
    const exchange = await answered;
    expect(exchange.body).toBe(first + rest);
    expect(exchange.headers['content-length']).toBe(String(first.length + rest.length));
  });

  it('cuts the client off when the service breaks off mid-body: a partial answer never looks complete', async () => {
    service.handler = (_incoming, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"id":"fi');
      setTimeout(() => response.destroy(), 20);
    };
    const outcome = await within(
      new Promise<string>((settle) => {
        const outgoing = request({ ...base, method: 'GET', path: '/api/files/file-2' }, (response) => {
          response.resume();
          response.on('end', () => settle(`complete after ${response.statusCode}`));
          response.on('aborted', () => settle('cut off'));
          response.on('error', () => settle('cut off'));
        });
        outgoing.on('error', () => settle('cut off'));
        outgoing.end();
      }),
      2_000,
      'the client learning the answer broke off',
    );
    expect(outcome).toBe('cut off');
  });

  it("returns the service's end-to-end headers, not its hop-by-hop ones nor cookies or CORS", async () => {
    service.handler = (_incoming, response) => {
      response.writeHead(200, {
        'content-type': 'text/plain',
        'cache-control': 'max-age=60',
        connection: 'keep-alive, x-hop',
        'x-hop': 'named by Connection',
        'keep-alive': 'timeout=2',
        'set-cookie': 'bff_session=from-the-service',
        'access-control-allow-origin': '*',
        'x-internal-node': 'files-7',
      });
      response.end('ok');
    };
    const { outgoing, answered } = open('GET', '/api/files/a.txt');
    outgoing.end();
    const { status, headers, body } = await answered;
    expect([status, body]).toEqual([200, 'ok']);
    expect(headers['cache-control']).toBe('max-age=60');
    for (const name of ['x-hop', 'set-cookie', 'access-control-allow-origin', 'x-internal-node']) expect([name, headers[name]]).toEqual([name, undefined]);
    // The gateway's own connection: the service's keep-alive timeout is not passed on.
    expect(headers['keep-alive']).not.toBe('timeout=2');
  });

  it('answers 413 in the error shape when a chunked body passes the limit while it streams', async () => {
    service.handler = (incoming, response) => {
      incoming.resume();
      incoming.on('end', () => response.end('{}'));
    };
    const { outgoing, answered } = open('POST', '/api/files/upload', { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    for (let sent = 0; sent <= LIMIT_BYTES; sent += chunk.length) outgoing.write(chunk);
    outgoing.end();
    const { status, body, headers } = await answered;
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({ statusCode: 413, error: 'Payload Too Large', message: `The request body is larger than ${LIMIT_BYTES} bytes`, requestId: expect.any(String) });
    expect(headers['connection']).toBe('close');
  });

  it('answers 413 by Content-Length before calling the service', async () => {
    const { outgoing, answered } = open('POST', '/api/files/upload', { 'content-type': 'application/octet-stream', 'content-length': String(LIMIT_BYTES + 1) });
    outgoing.end(Buffer.alloc(LIMIT_BYTES + 1));
    expect((await answered).status).toBe(413);
    expect(service.seen).toEqual([]);
  });

  it('passes a body within the limit whatever its type, unparsed', async () => {
    service.handler = (incoming, response) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => response.end(Buffer.concat(chunks)));
    };
    const json = '{"not": "parsed", "spacing":   "kept"}';
    const { outgoing, answered } = open('POST', '/api/files/echo', { 'content-type': 'application/json', 'content-length': String(json.length) });
    outgoing.end(json);
    expect((await answered).body).toBe(json);
    expect(service.seen[0]?.headers['content-length']).toBe(String(json.length));
  });

  it("answers a service's 4xx in the error shape with its status and message, and closes a connection whose body was left unread", async () => {
    service.handler = (_incoming, response) =>
      response.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 409, error: 'Conflict', message: 'File exists' }));
    const { outgoing, answered } = open('POST', '/api/files/upload', { 'content-type': 'text/plain', 'content-length': '10' });
    outgoing.write('12345');
    const { status, body, headers } = await answered;
    outgoing.destroy();
    expect(status).toBe(409);
    expect(JSON.parse(body)).toEqual({ statusCode: 409, error: 'Conflict', message: 'File exists', requestId: expect.any(String) });
    expect(headers['connection']).toBe('close');
  });

  it("does not show the client a service's own path in its 404 message", async () => {
    service.handler = (incoming, response) =>
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: `Cannot GET ${incoming.url}` }));
    const { outgoing, answered } = open('GET', '/api/files/x/y');
    outgoing.end();
    const { status, body } = await answered;
    expect(status).toBe(404);
    expect(JSON.parse(body)).toMatchObject({ statusCode: 404, message: 'Not Found' });
    expect(body).not.toContain('/v1/files');
  });

  it('sends the service only the headers the route names, the body framing and where the client is', async () => {
    service.handler = (incoming, response) => {
      incoming.resume();
      incoming.on('end', () => response.end('{}'));
    };
    const { outgoing, answered } = open('POST', '/api/files/upload', {
      accept: 'application/json',
      'x-client-version': '4.2',
      'content-type': 'text/plain',
      'content-length': '5',
      'content-encoding': 'identity',
      'accept-language': 'fr-CH',
      'x-fault-status': '503',
      'x-fault-delay-ms': '1500',
      'x-http-method-override': 'DELETE',
      'x-original-url': '/_admin/faults',
      'x-rewrite-url': '/_admin/faults',
      cookie: 'bff_session=victim',
      authorization: 'Bearer someone-elses',
      'x-csrf-token': 'c',
      'x-user-id': 'admin',
      'x-forwarded-for': '203.0.113.7',
      forwarded: 'for=203.0.113.7',
      'x-foo': 'bar',
    });
    outgoing.end('hello');
    expect((await answered).status).toBe(200);
    const seen = service.seen[0]?.headers ?? {};
    expect(seen).toMatchObject({ accept: 'application/json', 'x-client-version': '4.2', 'content-type': 'text/plain', 'content-length': '5', 'content-encoding': 'identity', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http' });
    const client = ['accept-language', 'x-fault-status', 'x-fault-delay-ms', 'x-http-method-override', 'x-original-url', 'x-rewrite-url', 'cookie', 'authorization', 'x-csrf-token', 'x-user-id', 'forwarded', 'x-foo'];
    expect(client.filter((name) => name in seen)).toEqual([]);
    expect(service.seen[0]?.method).toBe('POST');
  });

  it('drops a named header the client marks hop-by-hop', async () => {
    service.handler = (_incoming, response) => response.end('{}');
    const { outgoing, answered } = open('GET', '/api/files/a.txt', { connection: 'keep-alive, x-client-version', 'x-client-version': '4.2', accept: 'text/plain' });
    outgoing.end();
    expect((await answered).status).toBe(200);
    expect(service.seen[0]?.headers['x-client-version']).toBeUndefined();
    expect(service.seen[0]?.headers['accept']).toBe('text/plain');
  });

  it.each([
    ['GET', '/api/files/_admin', 404],
    ['GET', '/api/files/%5Fadmin/faults', 404],
    ['GET', '/api/files/a/b/c', 404],
    ['GET', '/api/files/a.txt/', 404],
    ['GET', '/api/files/..%2f..%2f_admin', 400],
    ['GET', '/api/files/%255fadmin', 400],
    ['GET', '/api/files/a.txt;x=1', 400],
    ['PUT', '/api/files/zzz/_admin', 404],
    ['DELETE', '/api/files/a.txt', 405],
    ['PUT', '/api/files/upload', 405],
  ])('answers %s %s with %d in the error shape, and the service sees nothing', async (method, path, status) => {
    const { outgoing, answered } = open(method, path);
    outgoing.end();
    const { status: answeredStatus, body, headers } = await answered;
    expect(answeredStatus).toBe(status);
    expect(JSON.parse(body)).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
    if (status === 405) expect(headers['allow']).toBe(path.endsWith('upload') ? 'POST, GET, HEAD' : 'GET, HEAD');
    expect(service.seen).toEqual([]);
  });

  it('closes the connection of a refused request whose body it never read', async () => {
    const { outgoing, answered } = open('POST', '/api/files/_admin/faults', { 'content-type': 'application/json', 'content-length': '20' });
    outgoing.write('{"status":');
    const { status, headers } = await answered;
    outgoing.destroy();
    expect(status).toBe(404);
    expect(headers['connection']).toBe('close');
    expect(service.seen).toEqual([]);
  });

  it('answers HEAD for a GET route, as HEAD', async () => {
    service.handler = (_incoming, response) => response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' }).end();
    const { outgoing, answered } = open('HEAD', '/api/files/a.txt');
    outgoing.end();
    const { status, body } = await answered;
    expect([status, body]).toEqual([200, '']);
    expect(service.seen[0]?.method).toBe('HEAD');
  });
});
