import { signTestToken } from '@bff/auth/testing';
import { launchSystem, type RunningSystem } from '@bff/app-process/launcher';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

interface RawResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they came over the wire (still compressed when `content-encoding` says so). */
  body: Buffer;
}

/** One request with exactly the given headers: unlike fetch, node:http neither adds Accept-Encoding nor decompresses. */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function decoded({ headers, body }: RawResult): unknown {
  const encoding = headers['content-encoding'];
  const plain = encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
  return JSON.parse(plain.toString('utf8'));
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('HTTP caching and compression', () => {
  let system: RunningSystem;
  let mobile: string;
  let web: string;
  const u42 = bearer(signTestToken('u42', { audience: 'mobile' }));
  const u7 = bearer(signTestToken('u7', { audience: 'mobile' }));

  beforeAll(async () => {
    system = await launchSystem({ auth: 'development-secret', gatewayEnv: { NODE_ENV: 'test', THROTTLE_BURST_LIMIT: '1000' } });
    mobile = system.gateway('mobile-bff').url;
    web = system.gateway('web-bff').url;
  });
  afterAll(() => system?.stop());

  describe('ETag and 304 on mobile-bff', () => {
    it('tags every GET and keeps a signed-in user’s answer out of shared caches', async () => {
      for (const path of ['/api/profile', '/api/v1/profile', '/api/v2/profile', '/api/home', '/api/v2/home']) {
        const { status, headers } = await raw(`${mobile}${path}`, u42);
        expect({ path, status, etag: headers.etag, cacheControl: headers['cache-control'], vary: headers.vary }).toEqual({
          path,
          status: 200,
          etag: expect.stringMatching(/^W\/"[^"]+"$/),
          cacheControl: 'private, no-cache',
          vary: expect.stringMatching(/authorization.*accept-encoding/),
        });
      }
      const health = await raw(`${mobile}/health`);
      expect(health.headers.etag).toMatch(/^W\/"[^"]+"$/);
      expect(health.headers['cache-control']).toBe('no-cache');
    });

    it('answers 304 with no body when If-None-Match names the current ETag, with the 200’s caching headers', async () => {
      const first = await raw(`${mobile}/api/v2/profile`, u42);
      const etag = String(first.headers.etag);

      const again = await raw(`${mobile}/api/v2/profile`, { ...u42, 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers['content-length']).toBeUndefined();
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('private, no-cache');
      expect(again.headers.vary).toBe(first.headers.vary);
    });

    it('matches as RFC 9110 says: weakly, within a list, and for *', async () => {
      const etag = String((await raw(`${mobile}/api/profile`, u42)).headers.etag);
      const strongForm = etag.replace(/^W\//, '');
      for (const ifNoneMatch of [strongForm, `"gone", W/"older", ${etag}`, '*']) {
        const result = await raw(`${mobile}/api/profile`, { ...u42, 'if-none-match': ifNoneMatch });
        expect({ ifNoneMatch, status: result.status, bytes: result.body.length }).toEqual({ ifNoneMatch, status: 304, bytes: 0 });
      }
    });

    it('answers 200 with the whole body for a tag that does not match', async () => {
      const result = await raw(`${mobile}/api/profile`, { ...u42, 'if-none-match': 'W/"not-this-one", "nor-this"' });
      expect(result.status).toBe(200);
      expect(decoded(result)).toMatchObject({ user: { id: 'u42' } });
    });

    it('gives a different body a different ETag, so one user’s tag never gets another user a 304', async () => {
      const [mine, theirs, v1, v2] = await Promise.all([
        raw(`${mobile}/api/profile`, u42),
        raw(`${mobile}/api/profile`, u7),
        raw(`${mobile}/api/v1/home`, u42),
        raw(`${mobile}/api/v2/home`, u42),
      ]);
      expect(theirs.headers.etag).not.toBe(mine.headers.etag);
      expect(v2.headers.etag).not.toBe(v1.headers.etag);

      const crossed = await raw(`${mobile}/api/profile`, { ...u7, 'if-none-match': String(mine.headers.etag) });
      expect(crossed.status).toBe(200);
      expect(decoded(crossed)).toMatchObject({ user: { id: 'u7' } });
    });

    it('never answers an error with 304 or an ETag', async () => {
      const unauthenticated = await raw(`${mobile}/api/profile`, { 'if-none-match': '*' });
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.headers.etag).toBeUndefined();
      expect(JSON.parse(unauthenticated.body.toString())).toMatchObject({ statusCode: 401 });

      const unknown = await raw(`${mobile}/api/v3/profile`, { ...u42, 'if-none-match': '*' });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.etag).toBeUndefined();
    });

    it('answers HEAD with the GET’s ETag, and 304 on a match', async () => {
      const get = await raw(`${mobile}/api/v1/profile`, u42);
      const head = await raw(`${mobile}/api/v1/profile`, u42, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers.etag).toBe(get.headers.etag);
      expect(head.body.length).toBe(0);

      const conditional = await raw(`${mobile}/api/v1/profile`, { ...u42, 'if-none-match': String(get.headers.etag) }, 'HEAD');
      expect(conditional.status).toBe(304);
    });

    it('tags the JSON, not its encoding: a tag from an uncompressed answer revalidates a compressed one', async () => {
      const plain = await raw(`${mobile}/api/v2/home`, u42);
      const brotli = await raw(`${mobile}/api/v2/home`, { ...u42, 'accept-encoding': 'br' });
      const gzip = await raw(`${mobile}/api/v2/home`, { ...u42, 'accept-encoding': 'gzip' });
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(brotli.headers.etag).toBe(plain.headers.etag);
      expect(gzip.headers.etag).toBe(plain.headers.etag);

      const revalidated = await raw(`${mobile}/api/v2/home`, { ...u42, 'accept-encoding': 'br', 'if-none-match': String(plain.headers.etag) });
      expect(revalidated.status).toBe(304);
      expect(revalidated.body.length).toBe(0);
      expect(revalidated.headers['content-encoding']).toBeUndefined();
    });

    it('leaves web-bff without ETags: its link is fast and its 304 would save no server work', async () => {
      const result = await raw(`${web}/api/profile`, { ...bearer(signTestToken('u42')), 'if-none-match': '*' });
      expect(result.status).toBe(200);
      expect(result.headers.etag).toBeUndefined();
    });
  });

  describe('compression', () => {
    it.each([
      ['mobile-bff', '/api/v2/home', () => u42],
      ['web-bff', '/api/profile', () => bearer(signTestToken('u42'))],
    ] as const)('%s compresses %s with brotli or gzip as the client asks, to the same JSON', async (gateway, path, credentials) => {
      const url = `${system.gateway(gateway).url}${path}`;
      const plain = await raw(url, credentials());
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      expect(Number(plain.headers['content-length'])).toBe(plain.body.length);

      for (const encoding of ['br', 'gzip']) {
        const compressed = await raw(url, { ...credentials(), 'accept-encoding': encoding });
        expect({ encoding, status: compressed.status, contentEncoding: compressed.headers['content-encoding'] }).toEqual({ encoding, status: 200, contentEncoding: encoding });
        expect(compressed.headers.vary).toMatch(/accept-encoding/);
        expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
        expect(decoded(compressed)).toEqual(decoded(plain));
      }
    });

    it('prefers brotli when the client takes both, as browsers do', async () => {
      const result = await raw(`${web}/api/profile`, { ...bearer(signTestToken('u42')), 'accept-encoding': 'gzip, deflate, br' });
      expect(result.headers['content-encoding']).toBe('br');
    });

    it('leaves bodies under 1 KiB as they are, errors included', async () => {
      const accepts = { 'accept-encoding': 'br, gzip' };
      for (const [url, headers, status] of [
        [`${mobile}/health`, accepts, 200],
        [`${web}/health`, accepts, 200],
        [`${mobile}/api/profile`, { ...accepts, ...u42 }, 200],
        [`${mobile}/api/profile`, accepts, 401],
        [`${web}/api/nothing-here`, accepts, 404],
      ] as const) {
        const result = await raw(url, headers);
        expect({ url, status: result.status, contentEncoding: result.headers['content-encoding'] }).toEqual({ url, status, contentEncoding: undefined });
        expect(result.body.length).toBeLessThan(1024);
        expect(JSON.parse(result.body.toString('utf8'))).toBeInstanceOf(Object);
      }
    });

    it('treats a streamed pass-through answer the same: compressed from 1 KiB, left as it is below', async () => {
      const catalog = (ids: string) => `${mobile}/api/catalog/products?ids=${ids}`;
      const tenProducts = Array.from({ length: 10 }, (_, index) => `p${index + 1}`).join(',');
      const plain = await raw(catalog(tenProducts), u42);
      expect(plain.body.length).toBeGreaterThan(1024);

      const large = await raw(catalog(tenProducts), { ...u42, 'accept-encoding': 'br' });
      expect(large.headers['content-encoding']).toBe('br');
      expect(decoded(large)).toEqual(decoded(plain));

      const small = await raw(catalog('p1'), { ...u42, 'accept-encoding': 'br' });
      expect(small.status).toBe(200);
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.body.length).toBeLessThan(1024);
      expect(decoded(small)).toEqual([expect.objectContaining({ id: 'p1' })]);
    });

    it('answers HEAD with no body and no content-encoding', async () => {
      const result = await raw(`${web}/api/profile`, { ...bearer(signTestToken('u42')), 'accept-encoding': 'br, gzip' }, 'HEAD');
      expect(result.status).toBe(200);
      expect(result.body.length).toBe(0);
      expect(result.headers['content-encoding']).toBeUndefined();
    });
  });
});
