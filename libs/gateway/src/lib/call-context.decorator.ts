import type { DownstreamCallContext } from '@bff/service-clients';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** What downstream calls of this request carry along (its request id). */
export const CallContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): DownstreamCallContext => ({
    requestId: context.switchToHttp().getRequest<FastifyRequest>().id,
  }),
);
