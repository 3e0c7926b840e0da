import type { AuthRequest } from '@bff/auth';
import type { DownstreamCallContext } from '@bff/service-clients';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * What downstream calls of this request carry along: its request id and the
 * verified caller (their id and token), never identity headers the client wrote.
 */
export const CallContext = createParamDecorator((_data: unknown, context: ExecutionContext): DownstreamCallContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest & AuthRequest>();
  return { requestId: request.id, userId: request.user?.sub, accessToken: request.auth?.token };
});
