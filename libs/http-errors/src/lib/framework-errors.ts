import { HttpException } from '@nestjs/common';

export interface HttpError {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/** The message of a Nest HttpException, whichever form its body takes (string, `{message}`, `{message: [...]}`). */
export function httpExceptionMessage(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Nest's and Fastify's own errors as statuses: HttpExceptions, and Fastify's 4xx (malformed JSON, body too large), whose messages are written for clients. */
export function frameworkHttpError(exception: unknown): HttpError | undefined {
  if (exception instanceof HttpException) return { status: exception.getStatus(), message: httpExceptionMessage(exception) };
  if (!(exception instanceof Error)) return undefined;
  const { statusCode, code } = exception as Error & { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return undefined;
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  return { status: statusCode, message: exception.message };
}
