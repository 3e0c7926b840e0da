import type { ApiError } from '@bff/contracts';
import { DownstreamError } from '@bff/service-clients';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { toHttpError } from './http-error.mapping';

/** Every error a gateway answers goes out here, in the one `ApiError` shape. */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(GatewayExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // The client went away while sending (or its connection was cut for taking too long, already
    // answered 408): nothing can be sent, and nothing failed here.
    if (isClientAbort(exception) && request.raw.socket?.destroyed) return;
    const { status, message, headers } = toHttpError(exception);

    if (status >= 500) this.log(request, status, exception);
    const body: ApiError = { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, requestId: request.id };
    void reply.status(status).headers(headers ?? {}).send(body);
  }

  private log(request: FastifyRequest, status: number, exception: unknown): void {
    const where = `${request.method} ${request.routeOptions.url ?? '(no route)'} [${request.id}] -> ${status}`;
    if (exception instanceof DownstreamError) this.logger.warn(`${where}: ${exception.message}`);
    else this.logger.error(`${where}: ${exception instanceof Error ? exception.stack : String(exception)}`);
  }
}

/** Node's error for a request body cut short by its connection closing. */
const isClientAbort = (exception: unknown) => (exception as { code?: unknown } | null)?.code === 'ECONNRESET';
