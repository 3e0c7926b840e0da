import { request } from 'node:http';
import { deferred, FILES_LIMIT_BYTES as LIMIT_BYTES, FILES_ROUTES, RoutedGateway, within } from './routed-gateway.harness';

describe('PassThroughRouter over HTTP (a POST-and-GET route to a fake service)', () => {
  const gateway = new RoutedGateway();
  const service = gateway.service;
  const open = gateway.open.bind(gateway);

  beforeAll(() => gateway.start(FILES_ROUTES));
  afterAll(() => gateway.stop());
  beforeEach(() => {
    service.seen.length = 0;
  });

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
        const outgoing = request({ ...gateway.address, method: 'GET', path: '/api/files/file-2' }, (response) => {
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
    const { outgoing, answered } = open('POST', '/api/files/upload?case=too-long', { 'content-type': 'application/octet-stream', 'content-length': String(LIMIT_BYTES + 1) });
    outgoing.end(Buffer.alloc(LIMIT_BYTES + 1));
    expect((await answered).status).toBe(413);
    // Only this request's own: the previous test's streamed upload may reach the service late (Node 24).
    expect(service.seen.filter(({ url }) => url?.includes('case=too-long'))).toEqual([]);
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

  it('answers HEAD for a GET route, as HEAD', async () => {
    service.handler = (_incoming, response) => response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' }).end();
    const { outgoing, answered } = open('HEAD', '/api/files/a.txt');
    outgoing.end();
    const { status, body } = await answered;
    expect([status, body]).toEqual([200, '']);
    expect(service.seen[0]?.method).toBe('HEAD');
  });
});
