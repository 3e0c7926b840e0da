import type { AuthRequest } from '@bff/auth';
import { traceOf, traceparentOf } from '@bff/observability';
import { type DownstreamCallContext, RequestCancellation } from '@bff/service-clients';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * What downstream calls of this request carry along: its request id, its
 * deadline (set when it arrived), its trace, the verified caller (their id and token,
 * never identity headers the client wrote), a map in which identical GETs
 * of this request share one call, and the request's one cancellation, which a
 * failed required part cancels to end the request's other calls.
 */
export const CallContext = createParamDecorator((_data: unknown, context: ExecutionContext): DownstreamCallContext => callContextOf(context.switchToHttp().getRequest<FastifyRequest>()));

/** The same, for a handler that Fastify calls itself (`@FastifyHandler()`). */
export function callContextOf(fastifyRequest: FastifyRequest): DownstreamCallContext {
  const request = fastifyRequest as FastifyRequest & AuthRequest & { deadlineAt?: number };
  const trace = traceOf(request);
  return {
    requestId: request.id,
    userId: request.user?.sub,
    accessToken: request.auth?.token,
    deadlineAt: request.deadlineAt,
    traceparent: trace ? traceparentOf(trace) : undefined,
    inflight: new Map(),
    cancellation: new RequestCancellation(),
  };
}
