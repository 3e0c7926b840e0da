import { AuthenticationError, AuthorizationError } from '@bff/auth';
import {
  DownstreamCircuitOpenError,
  DownstreamContractError,
  DownstreamNotFoundError,
  DownstreamTimeoutError,
  DownstreamUnavailableError,
  InvalidCredentialsError,
} from '@bff/service-clients';
import { RateLimitStoreUnavailableError, ThrottlerException } from '@bff/throttling';
import { HttpException } from '@nestjs/common';

export interface HttpError {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The one table from what went wrong to what the client is told. Named errors
 * are thrown where they arise; only this decides their status and wording.
 * Anything unknown is a bare 500: its details go to the log, never the client.
 */
export function toHttpError(exception: unknown): HttpError {
  if (exception instanceof AuthenticationError) {
    const challenge = exception.reason === 'invalid_token' ? 'Bearer realm="bff", error="invalid_token"' : 'Bearer realm="bff"';
    return { status: 401, message: exception.message, headers: { 'www-authenticate': challenge } };
  }
  if (exception instanceof AuthorizationError) {
    const headers = exception.reason === 'insufficient_scope' ? { 'www-authenticate': 'Bearer realm="bff", error="insufficient_scope"' } : undefined;
    return { status: 403, message: exception.message, ...(headers ? { headers } : {}) };
  }
  if (exception instanceof InvalidCredentialsError) return { status: 401, message: exception.message };
  if (exception instanceof ThrottlerException) return { status: 429, message: 'Too many requests; retry after the time in Retry-After' };
  if (exception instanceof RateLimitStoreUnavailableError) return { status: 503, message: exception.message, headers: { 'retry-after': '1' } };
  if (exception instanceof DownstreamNotFoundError) return { status: 404, message: capitalised(exception.message) };
  if (exception instanceof DownstreamCircuitOpenError) {
    return { status: 503, message: `The ${exception.service} service is unavailable for now; try again shortly` };
  }
  if (exception instanceof DownstreamTimeoutError) return { status: 504, message: `The ${exception.service} service did not answer in time` };
  if (exception instanceof DownstreamUnavailableError || exception instanceof DownstreamContractError) {
    return { status: 502, message: `The ${exception.service} service failed` };
  }
  if (exception instanceof HttpException) return { status: exception.getStatus(), message: httpExceptionMessage(exception) };
  const clientError = fastifyClientError(exception);
  if (clientError) return clientError;
  return { status: 500, message: 'Internal server error' };
}

function httpExceptionMessage(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Fastify's own 4xx errors (malformed JSON, body too large): their messages are written for clients. */
function fastifyClientError(exception: unknown): HttpError | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { statusCode, code } = exception as Error & { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return undefined;
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  return { status: statusCode, message: exception.message };
}
