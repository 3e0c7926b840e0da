import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Short enough to log, plain enough to put in a header or a log line unescaped. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/** Each request's id by its raw request, for an answer written on the socket itself (see `inFlightRequestOf`). */
const ids = new WeakMap<IncomingMessage, string>();

/**
 * Fastify's `genReqId`: the caller's `x-request-id` when it is well-formed (so one id can span
 * client and gateway), else a new one.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && WELL_FORMED.test(given) ? given : randomUUID();
  ids.set(request, id);
  return id;
}

/** Node's own record of the response a socket is answering (what its `clientError` default consults too). */
type HttpSocket = Socket & { _httpMessage?: ServerResponse | null };

/**
 * The request a socket is in the middle of, when a client error (a timeout, a malformed body)
 * cuts it: its id, and whether its answer has started (then nothing more may be written).
 */
export function inFlightRequestOf(socket: Socket): { id?: string; answerStarted: boolean } {
  const response = (socket as HttpSocket)._httpMessage;
  if (!response) return { answerStarted: false };
  return { id: ids.get(response.req), answerStarted: response.headersSent };
}
