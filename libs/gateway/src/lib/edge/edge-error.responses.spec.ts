import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { answerClientError } from './edge-error.responses';
import { SECURITY_HEADERS } from './security.headers';

/** A loopback connection: the server's end for the code under test, what the client end receives. */
async function connection(server: Server): Promise<{ serverSide: Socket; received: Promise<string> }> {
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  let data = '';
  client.on('data', (chunk: Buffer) => (data += chunk.toString()));
  const received = once(client, 'close').then(() => data);
  const [serverSide] = await accepted;
  // As Node's HTTP server does before it calls the clientError handler: the error the socket is destroyed with is not re-thrown.
  serverSide.on('error', () => undefined);
  return { serverSide, received };
}

describe('answerClientError', () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterAll(() => server.close());

  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', '408 Request Timeout', 'The request did not arrive in time; send it again'],
    ['HPE_HEADER_OVERFLOW', '431 Request Header Fields Too Large', 'The request headers are too large'],
    ['HPE_INVALID_METHOD', '400 Bad Request', 'The request is not valid HTTP/1.1'],
  ])('answers %s in the one error shape, with a request id and the security headers, then closes', async (code, statusLine, message) => {
    const { serverSide, received } = await connection(server);
    answerClientError(Object.assign(new Error(code), { code }), serverSide);
    const answer = await received;

    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe(`HTTP/1.1 ${statusLine}`);
    const requestId = /\r\nx-request-id: ([0-9a-f-]{36})\r\n/.exec(head)?.[1];
    expect(JSON.parse(body)).toEqual({ statusCode: Number(statusLine.slice(0, 3)), error: statusLine.slice(4), message, requestId });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(head).toContain(`\r\n${name}: ${value}`);
    expect(head).toContain('\r\nconnection: close');
    expect(head).toContain(`\r\ncontent-length: ${Buffer.byteLength(body)}`);
  });

  it('writes nothing on a connection the client reset, and leaves it closed', async () => {
    const { serverSide, received } = await connection(server);
    answerClientError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), serverSide);
    serverSide.destroy();
    expect(await received).toBe('');
  });
});
