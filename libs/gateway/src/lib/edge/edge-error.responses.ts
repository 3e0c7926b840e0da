import type { ApiError } from '@bff/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { frameworkHttpError } from '@bff/http-errors';
import { inFlightRequestOf, REQUEST_ID_HEADER } from './request-id';
import { SECURITY_HEADERS } from './security.headers';

/** The one error body. */
export function apiErrorBody(status: number, message: string, requestId: string): ApiError {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, requestId };
}

/** What Node's HTTP parser and timers report on a connection, as the client is told it. */
function clientErrorAnswer(code: string | undefined): { status: number; message: string } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'The request did not arrive in time; send it again' };
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: 'The request headers are too large' };
  if (code === 'HPE_URI_TOO_LONG' || code === 'HPE_URL_TOO_LONG') return { status: 414, message: 'The request URL is too long' };
  return { status: 400, message: 'The request is not valid HTTP/1.1' };
}

/**
 * Fastify's `clientErrorHandler`: a connection whose request Node cannot take (malformed HTTP,
 * headers too large, a request or its body that did not arrive in time) gets the one error shape
 * with a request id, the `x-request-id` header and the security headers, then is closed. Written
 * on the socket, as Node's own default does: there is no request object to answer through. Nothing
 * is written when the socket is gone or the request's answer has already started.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const inFlight = inFlightRequestOf(socket);
  if (socket.writable && !inFlight.answerStarted) {
    const { status, message } = clientErrorAnswer(error.code);
    const requestId = inFlight.id ?? randomUUID();
    const body = JSON.stringify(apiErrorBody(status, message, requestId));
    const headers: Record<string, string | number> = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      [REQUEST_ID_HEADER]: requestId,
      ...SECURITY_HEADERS,
      connection: 'close',
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${head}\r\n${body}`);
  }
  socket.destroy(error);
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before any hook runs (a path parameter over
 * `maxParamLength`, a malformed percent-encoding), in the one error shape with the request's id
 * and the security headers, since neither the request-id hook nor helmet's ran for it.
 */
export function answerFrameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const { status, message } = frameworkHttpError(error) ?? { status: 500, message: 'Internal server error' };
  void reply
    .code(status)
    .headers({ ...SECURITY_HEADERS, [REQUEST_ID_HEADER]: request.id })
    .send(apiErrorBody(status, message, request.id));
}
