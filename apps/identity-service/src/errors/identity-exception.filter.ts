import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { toHttpError } from './http-error.mapping';

/** Every error identity-service answers goes out here, as `{statusCode, error, message}`. */
@Catch()
export class IdentityExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(IdentityExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const { status, message, headers } = toHttpError(exception);
    if (status >= 500) {
      const request = http.getRequest<FastifyRequest>();
      const where = `${request.method} ${request.routeOptions.url ?? '(no route)'} -> ${status}`;
      this.logger.error(`${where}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    void http
      .getResponse<FastifyReply>()
      .status(status)
      .headers(headers ?? {})
      .send({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
  }
}
