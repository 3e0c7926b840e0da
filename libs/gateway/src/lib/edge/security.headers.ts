import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An API, not pages: helmet's strict defaults (no framing, no sniffing, no referrer) and no CSP, which is for documents. */
export const HELMET_OPTIONS: HelmetOptions = { contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'same-site' } };

/**
 * The headers helmet's middleware sets with `options`, read once by running it on a response that
 * only records them: with these options, helmet's headers depend on nothing in the request.
 */
export function helmetHeadersOf(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not set its headers synchronously');
  return Object.freeze(headers);
}

/** helmet's headers for HELMET_OPTIONS, built once: on every answer, those the edge writes itself included. */
export const SECURITY_HEADERS = helmetHeadersOf(HELMET_OPTIONS);

/**
 * Puts SECURITY_HEADERS on every answer (one `onRequest` hook, the 404 handler's included): the
 * headers @fastify/helmet would set, computed once at start-up rather than by helmet's middleware
 * chain and two hooks (one of them async) on every request.
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    done();
  });
}
