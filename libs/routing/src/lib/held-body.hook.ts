import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import type { BodyFraming } from './forwarded.headers';
import { RequestBodyTooLargeError } from './pass-through.errors';

/** Fastify route config of the pass-through routes (set with `@RouteConfig`), read by the hook below. */
export const PASS_THROUGH_ROUTE_CONFIG = { passThrough: true } as const;

const heldBodies = new WeakMap<IncomingMessage, BodyFraming>();

/**
 * Fastify reads and parses a request body before any handler runs, which a
 * pass-through must not do: the body is to stream to the service as it
 * arrives, whatever its type and size (up to the route's own limit). For the
 * pass-through routes only, this `onRequest` hook takes the body's framing
 * headers (Content-Type, Content-Length, Transfer-Encoding) off the request
 * and keeps them aside; Fastify then sees a request without a body, parses
 * nothing, and leaves `request.raw` unread for the router to stream (with
 * `heldBodyOf` telling it the framing). Every other route is left alone.
 *
 * Call before the routes are registered (before `listen`).
 */
export function holdPassThroughBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const config = request.routeOptions.config as { passThrough?: boolean } | undefined;
    if (config?.passThrough === true) {
      const headers = request.raw.headers;
      const contentLength = headers['content-length'];
      const chunked = headers['transfer-encoding'] !== undefined;
      if (chunked || (contentLength !== undefined && contentLength !== '0')) {
        heldBodies.set(request.raw, { contentType: headers['content-type'], contentLength: chunked ? undefined : contentLength });
        delete headers['content-type'];
        delete headers['content-length'];
        delete headers['transfer-encoding'];
      }
    }
    done();
  });
}

/** The framing of a pass-through request's body, or undefined when it has none. */
export function heldBodyOf(request: IncomingMessage): BodyFraming | undefined {
  return heldBodies.get(request);
}

/** Passes a body through while it stays within `limitBytes`; fails with RequestBodyTooLargeError past it. */
export function bodyLimit(limitBytes: number): Transform {
  let received = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      received += chunk.length;
      if (received > limitBytes) callback(new RequestBodyTooLargeError(limitBytes));
      else callback(null, chunk);
    },
  });
}
