import { Test } from '@nestjs/testing';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { DownstreamCircuitOpenError, DownstreamTimeoutError, DownstreamUnavailableError } from './downstream.errors';
import { DownstreamForwarder, type ForwardedRequest } from './downstream.forwarder';
import { DownstreamHttp } from './downstream.http';
import { ServiceClientsModule } from './service-clients.module';
import { LoopbackServer } from '../testing';

/** A stand-in service on loopback whose answer each test sets, keeping what reached it. */
class FakeService extends LoopbackServer {
  status = 200;
  delayMs = 0;
  readonly requests: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];

  protected handle(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      this.requests.push({ method: request.method, url: request.url, headers: request.headers, body });
      setTimeout(() => response.writeHead(this.status, { 'content-type': 'application/json' }).end('{"ok":true}'), this.delayMs);
    });
  }
}

const text = async (body: Readable) => {
  let all = '';
  for await (const chunk of body) all += String(chunk);
  return all;
};

describe('DownstreamForwarder', () => {
  let service: FakeService;
  let forwarder: DownstreamForwarder;
  let http: DownstreamHttp;
  let close: () => Promise<void>;

  beforeEach(async () => {
    service = await new FakeService().start();
    const url = service.url;
    const moduleRef = await Test.createTestingModule({
      imports: [
        ServiceClientsModule.forRoot({
          baseUrls: { user: url, order: url, catalog: url, recommendation: url, identity: url },
          timeoutMs: 500,
          retry: { max: 0, baseDelayMs: 5 },
          circuit: { errorThresholdPercent: 50, volumeThreshold: 4, windowMs: 10_000, resetMs: 60_000 },
        }),
      ],
    }).compile();
    forwarder = moduleRef.get(DownstreamForwarder);
    http = moduleRef.get(DownstreamHttp);
    close = () => moduleRef.close();
  });
  afterEach(async () => {
    await close();
    await service.stop();
  });

  const forward = (overrides: Partial<ForwardedRequest> = {}) =>
    forwarder.forward({ service: 'catalog', method: 'GET', path: '/products/p1?x=1', headers: { accept: 'application/json' }, ...overrides });

  it("passes the request on with the gateway's own headers, and returns the service's answer unparsed", async () => {
    const response = await forward({
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: Readable.from(['a ', 'body']),
      context: { requestId: 'r-1', userId: 'u42', accessToken: 'token-1', deadlineAt: Date.now() + 300 },
    });
    expect(response.status).toBe(200);
    expect(await text(response.body)).toBe('{"ok":true}');
    const [seen] = service.requests;
    expect(seen).toMatchObject({ method: 'POST', url: '/products/p1?x=1', body: 'a body' });
    expect(seen?.headers).toMatchObject({ 'x-request-id': 'r-1', 'x-user-id': 'u42', authorization: 'Bearer token-1', 'content-type': 'text/plain' });
    expect(Number(seen?.headers['x-deadline-ms'])).toBeLessThanOrEqual(300);
  });

  it('returns a 4xx as the service gave it, without counting it as a failure', async () => {
    service.status = 404;
    for (let i = 0; i < 5; i++) expect((await forward()).status).toBe(404);
    expect(http.circuitStates().catalog).toBe('closed');
  });

  it('turns a 5xx into DownstreamUnavailableError, and a service too slow for the deadline into DownstreamTimeoutError', async () => {
    service.status = 503;
    await expect(forward()).rejects.toEqual(new DownstreamUnavailableError('catalog', 503));

    service.status = 200;
    service.delayMs = 1_000;
    const started = performance.now();
    await expect(forward({ context: { deadlineAt: Date.now() + 150 } })).rejects.toBeInstanceOf(DownstreamTimeoutError);
    expect(performance.now() - started).toBeLessThan(400);
    await expect(forward({ context: { deadlineAt: Date.now() - 1 } })).rejects.toEqual(new DownstreamTimeoutError('catalog', 0, 'deadline'));
  });

  it("shares each service's circuit with the typed clients: failures of one open it for both", async () => {
    service.status = 503;
    for (let i = 0; i < 4; i++) await expect(forward()).rejects.toBeInstanceOf(DownstreamUnavailableError);
    expect(http.circuitStates().catalog).toBe('open');
    const reached = service.requests.length;

    await expect(forward()).rejects.toEqual(new DownstreamCircuitOpenError('catalog'));
    await expect(http.get({ service: 'catalog', path: '/products?ids=p1', schema: z.unknown() })).rejects.toBeInstanceOf(DownstreamCircuitOpenError);
    expect(service.requests).toHaveLength(reached);
    expect(http.circuitStates().order).toBe('closed');
  });

  it("fails with the request body's own error, which is no failure of the service", async () => {
    // More than the circuit's volume threshold: had they counted, it would be open.
    for (let i = 0; i < 5; i++) {
      // A client that sends a part, then nothing until it goes away.
      const body = new Readable({ read: () => undefined });
      body.push('part');
      const sent = forward({ method: 'POST', body });
      setTimeout(() => body.destroy(new Error('client went away')), 20);
      await expect(sent).rejects.toThrow('client went away');
    }
    expect(http.circuitStates().catalog).toBe('closed');
  });
});
