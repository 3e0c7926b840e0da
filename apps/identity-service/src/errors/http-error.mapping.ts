import { HttpException } from '@nestjs/common';
import { AdminAuthenticationError } from '../admin/admin-authentication.error';
import { InvalidCredentialsError } from '../tokens/invalid-credentials.error';

export interface HttpError {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/**
 * The one table from what went wrong to what the client is told. Anything
 * unknown is a bare 500: its details go to the log, never to the client.
 */
export function toHttpError(exception: unknown): HttpError {
  if (exception instanceof InvalidCredentialsError) return { status: 401, message: exception.message };
  if (exception instanceof AdminAuthenticationError) {
    // RFC 9110 §15.5.2: a 401 says which scheme would be accepted.
    return { status: 401, message: exception.message, headers: { 'www-authenticate': 'Bearer realm="identity-admin"' } };
  }
  if (exception instanceof HttpException) return { status: exception.getStatus(), message: httpExceptionMessage(exception) };
  return fastifyClientError(exception) ?? { status: 500, message: 'Internal server error' };
}

function httpExceptionMessage(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Fastify's own 4xx errors (malformed JSON, unsupported media type, body too large): their messages are written for clients. */
function fastifyClientError(exception: unknown): HttpError | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { statusCode, code } = exception as Error & { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return undefined;
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  return { status: statusCode, message: exception.message };
}
