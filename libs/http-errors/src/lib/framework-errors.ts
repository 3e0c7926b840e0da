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

/**
 * The errors Fastify's router raises before any hook runs (its `frameworkErrors`), in words for the
 * client rather than Fastify's, which quote the raw path. Errors raised later (a body that is not
 * JSON, too large...) reach an app's filter as Nest's HttpException of the same status, with
 * Fastify's message, which is written for clients.
 */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is too long (at most 100 characters)',
  FST_ERR_BAD_URL: 'The path is not valid: a percent-encoding in it is malformed',
};

/** Nest's and Fastify's own errors as statuses: HttpExceptions, and Fastify's 4xx (malformed JSON, body too large, a path parameter too long). */
export function frameworkHttpError(exception: unknown): HttpError | undefined {
  if (exception instanceof HttpException) return { status: exception.getStatus(), message: httpExceptionMessage(exception) };
  if (!(exception instanceof Error)) return undefined;
  const { statusCode, code } = exception as Error & { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return undefined;
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  return { status: statusCode, message: FASTIFY_MESSAGES[code] ?? exception.message };
}
