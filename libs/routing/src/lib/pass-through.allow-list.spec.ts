import { FILES_ROUTES, RoutedGateway } from './routed-gateway.harness';

describe('PassThroughRouter allow-lists (the files route to a fake service)', () => {
  const gateway = new RoutedGateway();
  const service = gateway.service;
  const open = gateway.open.bind(gateway);

  beforeAll(() => gateway.start(FILES_ROUTES));
  afterAll(() => gateway.stop());
  beforeEach(() => {
    service.seen.length = 0;
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
});
