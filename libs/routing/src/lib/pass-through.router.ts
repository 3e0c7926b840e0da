import { type DownstreamCallContext, DownstreamForwarder, type ForwardedRequest, type ForwardedResponse } from '@bff/service-clients';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { requestHeadersToForward, responseHeadersToReturn } from './forwarded.headers';
import { type ResolvedPath, resolveRoutedPath } from './forward-path.resolver';
import { bodyLimit, heldBodyOf } from './held-body.hook';
import { MethodNotAllowedError, RequestBodyTooLargeError, RoutedRequestRejectedError } from './pass-through.errors';
import type { PassThroughRoute } from './route-table.schema';

/** How much of a service's error body is read for its message. */
const REJECTION_BODY_BYTES = 16 * 1024;
const REJECTION_MESSAGE_CHARS = 300;

/**
 * Passes one request of a pass-through route to its service and streams the
 * answer back. By the time it runs, the gateway's guards have authenticated,
 * authorized and rate-limited the caller. Only what the route allow-lists goes
 * on: a path that could mean another path to another server is refused (400),
 * one the route does not name (or that names a service's internals) is a 404,
 * a method the path does not list a 405 with `Allow`; a body over the route's
 * limit is a 413 (by Content-Length before any call, or counted as it streams).
 * The service is sent only the headers the route names, the body's framing,
 * and what the forwarder adds: the gateway's own headers and the identity the
 * route declares (`credentials`), behind the route's own circuit. A 4xx from
 * the service is answered in the gateway's error shape with the service's
 * status (and message, unless it names the service's own paths); 5xx, timeouts
 * and an open circuit are DownstreamForwarder's named errors (502/504/503).
 */
@Injectable()
export class PassThroughRouter {
  constructor(private readonly forwarder: DownstreamForwarder) {}

  async forward(route: PassThroughRoute, request: FastifyRequest, reply: FastifyReply, context: DownstreamCallContext): Promise<void> {
    const method = request.method as ForwardedRequest['method'];
    const servedPrefix = (request.routeOptions.url ?? '').replace(/\/\*$/, '');
    const framing = heldBodyOf(request.raw);
    // Refused before its body is read, a request whose client may still be sending: the connection is not reused.
    const refuse: (error: unknown) => never = (error) => {
      if (framing) void reply.header('connection', 'close');
      throw error;
    };
    let resolved: ResolvedPath;
    try {
      resolved = resolveRoutedPath(request.url, servedPrefix, route.target, route.paths, method);
    } catch (error) {
      refuse(error);
    }
    const { path, allow } = resolved;
    if (path === undefined) {
      void reply.header('allow', allow);
      refuse(new MethodNotAllowedError(method, allow));
    }
    if (framing?.contentLength !== undefined && Number(framing.contentLength) > route.maxBodyBytes) refuse(new RequestBodyTooLargeError(route.maxBodyBytes));
    const body = framing ? limited(request.raw, route.maxBodyBytes) : undefined;
    const clientGone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) clientGone.abort();
    });

    let response: ForwardedResponse;
    try {
      response = await this.forwarder.forward({
        service: route.service,
        method,
        path,
        headers: requestHeadersToForward(request.headers, framing, { ip: request.ip, protocol: request.protocol }, route.headers),
        body,
        signal: clientGone.signal,
        context,
        credentials: route.credentials,
        // One caller's failing calls through a route open that route's circuit, not the service's.
        circuit: `route ${route.prefix}`,
      });
    } catch (error) {
      // The rest of the client's body may never be read now: the connection cannot be reused.
      if (body) void reply.header('connection', 'close');
      throw error;
    }
    if (response.status >= 400) {
      if (body) void reply.header('connection', 'close');
      throw await rejectionOf(response, path);
    }

    for (const [name, value] of Object.entries(responseHeadersToReturn(response.headers))) {
      // The gateway's own headers (request id, security, CORS, rate limits) stand.
      if (value !== undefined && !reply.hasHeader(name)) void reply.header(name, value);
    }
    void reply.status(response.status).send(response.body);
  }
}

/** The request body, streamed through the route's limit; a client that goes away ends it with an error. */
function limited(body: Readable, limitBytes: number): Readable {
  const limiter = bodyLimit(limitBytes);
  // Errors reach the forwarder through `limiter`, which pipeline destroys with them.
  pipeline(body, limiter, () => undefined);
  return limiter;
}

/** A service's 4xx as the gateway's own error: its status, and its message when it is a plain one. */
async function rejectionOf(response: ForwardedResponse, servicePath: string): Promise<RoutedRequestRejectedError> {
  const text = await readAtMost(response.body, REJECTION_BODY_BYTES);
  let message: string | undefined;
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
    else if (Array.isArray(parsed.message) && parsed.message.every((part) => typeof part === 'string')) message = parsed.message.join('; ');
  } catch {
    // Not JSON: the status says it.
  }
  // "Cannot GET /products/x/y" would show the client a path of the service's.
  const pathOnly = servicePath.split('?')[0] ?? servicePath;
  if (message === undefined || message.includes(pathOnly) || message.length > REJECTION_MESSAGE_CHARS) message = STATUS_CODES[response.status] ?? 'Error';
  return new RoutedRequestRejectedError(response.status, message);
}

async function readAtMost(body: Readable, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    length += buffer.length;
    if (length >= limitBytes) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limitBytes).toString('utf8');
}
