import type { GatewayConfig } from '@bff/config';
import type { FastifyInstance } from 'fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { GatewayLifecycle } from '../gateway.lifecycle';
import { answerClientError, answerFrameworkError, apiErrorBody } from './edge-error.responses';
import { SECURITY_HEADERS } from './security.headers';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';

/** The most a client may send in one body. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** A path parameter longer than this is a 414 (Fastify's default, stated here since the documents name it). */
export const MAX_PARAM_LENGTH = 100;

/**
 * How often Node checks every connection against the headers and request time limits (its
 * default, 30 s, would let a slow client overstay a limit by that much).
 */
const TIME_LIMIT_CHECK_MS = 1_000;

/**
 * The gateway's Fastify, as the edge of the system: the client address is the socket's unless
 * TRUST_PROXY names the proxies in front of it (a client-written X-Forwarded-For is never believed
 * on its own); bodies up to BODY_LIMIT_BYTES; every connection limited in time (headers, the whole
 * request with its body, idle keep-alive; GatewayConfig.http); a request id on every request; and
 * the answers Fastify and Node write themselves (malformed HTTP, timeouts, headers too large, a
 * path parameter too long) in the one error shape.
 */
export function createEdgeAdapter(config: GatewayConfig): FastifyAdapter {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = config.http;
  return new FastifyAdapter({
    logger: false,
    trustProxy: config.trustProxy ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    genReqId: requestIdOf,
    http: { headersTimeout: headersTimeoutMs, connectionsCheckingInterval: TIME_LIMIT_CHECK_MS },
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    // Fastify's own 503 while closing is not in the error shape: `addEdgeHooks` answers it instead.
    return503OnClosing: false,
  });
}

/**
 * The hooks every request passes first: its id echoed in `x-request-id`, its deadline (the whole
 * budget starts when it arrives; every downstream call draws on what is left), and while the
 * gateway drains, `connection: close` on every answer (so keep-alive sockets do not hold the exit
 * up) and, once the server is closing, a 503 in the error shape. Before the routes are registered.
 */
export function addEdgeHooks(fastify: FastifyInstance, config: GatewayConfig, lifecycle: GatewayLifecycle): void {
  const { deadlineMs } = config.resilience;
  let closing = false;
  fastify.decorateRequest('deadlineAt', 0);
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    (request as typeof request & { deadlineAt: number }).deadlineAt = Date.now() + deadlineMs;
    void reply.header(REQUEST_ID_HEADER, request.id);
    if (!closing) return done();
    void reply
      .code(503)
      .headers({ ...SECURITY_HEADERS, 'retry-after': '1', connection: 'close' })
      .send(apiErrorBody(503, 'This instance is shutting down; retry shortly', request.id));
  });
  fastify.addHook('onSend', (_request, reply, _payload, done) => {
    if (lifecycle.shuttingDown) void reply.header('connection', 'close');
    done();
  });
}

/**
 * Bodies are JSON or nothing: Fastify's JSON parser stays, its text/plain one goes, and Nest
 * registers none of its own (`bodyParser: false`), so a form or text body is a 415 before any
 * handler, where it used to reach the validator as an object with one odd key. The pass-through
 * routes stream their bodies unparsed (@bff/routing holds them aside), whatever their type.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('text/plain');
}
