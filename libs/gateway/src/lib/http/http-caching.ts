import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hash } from 'node:crypto';

/**
 * `Cache-Control` of a GET answered for a signed-in user: a cache may keep it only for that
 * user (`private`: never a shared cache, a CDN or a proxy), and must ask again before every
 * reuse (`no-cache`), which with the ETag costs a 304 and no body when nothing changed.
 */
export const PER_USER_CACHE_CONTROL = 'private, no-cache';
/** `Cache-Control` of a GET that is the same for everyone (health): revalidate before reuse. */
export const SHARED_CACHE_CONTROL = 'no-cache';

/** `W/"..."` and `"..."` as RFC 9110 §8.8.3 writes them, or the `*` of If-None-Match. */
const ENTITY_TAG = /(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"|\*/g;

/**
 * The validator of a response body: weak, because one JSON body goes out identical in content but
 * in different encodings (identity, gzip, br), and a strong tag would have to differ between them
 * (RFC 9110 §8.8.1). SHA-1 of the body, base64url: a fingerprint, not a security measure.
 */
export function entityTagOf(body: string | Buffer): string {
  return `W/"${hash('sha1', body, 'base64url')}"`;
}

/**
 * Whether an `If-None-Match` field names the current representation (RFC 9110 §13.1.2):
 * `*`, or any tag of the comma-separated list equal to `etag` by weak comparison (the
 * `W/` prefixes ignored on both sides). An absent or empty field never matches.
 */
export function ifNoneMatchMatches(field: string | undefined, etag: string): boolean {
  if (!field) return false;
  const opaque = opaqueTag(etag);
  for (const [tag] of field.matchAll(ENTITY_TAG)) {
    if (tag === '*' || opaqueTag(tag) === opaque) return true;
  }
  return false;
}

function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/**
 * Conditional GETs: every GET (and HEAD) answered 200 with a buffered body gets an `ETag` of that
 * body as the handler produced it (this hook runs before compression, which @fastify/compress
 * adds per route, after the global hooks); a request whose `If-None-Match` matches it gets
 * `304 Not Modified` with no body. Errors, other statuses and other methods are left alone: a
 * 404 or a 429 is never "not modified". Answers for a signed-in user are `private, no-cache`,
 * and `Vary` names the request's credential headers and `accept-encoding`, so that no cache hands
 * one user's answer (or one encoding) to another request; a 304 carries the same headers as
 * the 200 it stands for.
 *
 * Call before the routes are registered (that is, before `listen`).
 */
export function addConditionalGets(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (!isRead || reply.statusCode !== 200 || !(typeof payload === 'string' || Buffer.isBuffer(payload))) {
      done(null, payload);
      return;
    }
    // A handler that knows its version (or a service whose answer is passed through) keeps its own tag.
    const given = reply.getHeader('etag');
    const etag = typeof given === 'string' ? given : entityTagOf(payload);
    void reply.header('etag', etag);
    setCachingHeaders(request, reply);
    if (!ifNoneMatchMatches(request.headers['if-none-match'], etag)) {
      done(null, payload);
      return;
    }
    void reply.code(304);
    // GET: no body and so no Content-Length (RFC 9110 §8.6). HEAD keeps the payload for Fastify's
    // own HEAD hook, which sends no body and sets the Content-Length the 200 would have had.
    done(null, request.method === 'HEAD' ? payload : null);
  });
}

function setCachingHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const signedIn = (request as FastifyRequest & { user?: unknown }).user !== undefined;
  if (!reply.hasHeader('cache-control')) void reply.header('cache-control', signedIn ? PER_USER_CACHE_CONTROL : SHARED_CACHE_CONTROL);
  const vary = ['accept-encoding'];
  if (request.headers.authorization !== undefined) vary.unshift('authorization');
  if (request.headers.cookie !== undefined) vary.unshift('cookie');
  appendVary(reply, vary);
}

/** Adds field names to `Vary`, keeping what is there (lower case, as @fastify/compress checks it). */
function appendVary(reply: FastifyReply, names: string[]): void {
  const current = reply.getHeader('vary');
  const listed = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const merged = [...listed, ...names.filter((name) => !listed.includes(name))];
  void reply.header('vary', merged.join(', '));
}
