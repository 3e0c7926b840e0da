import { frameworkHttpError, type HttpError } from '@bff/http-errors';
import { AuthenticationError, AuthorizationError } from '@bff/auth';
import {
  DownstreamCircuitOpenError,
  DownstreamContractError,
  DownstreamNotFoundError,
  DownstreamTimeoutError,
  DownstreamUnavailableError,
  IdempotencyKeyConflictError,
  InvalidCredentialsError,
  InvalidCursorError,
  UnknownProductError,
} from '@bff/service-clients';
import { RateLimitStoreUnavailableError, ThrottlerException } from '@bff/throttling';
import { HttpException } from '@nestjs/common';

export type { HttpError };

const JSON_BODIES_ONLY = 'The body must be JSON: send it with Content-Type: application/json';

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
  if (exception instanceof InvalidCursorError) return { status: 400, message: exception.message };
  if (exception instanceof UnknownProductError) return { status: 422, message: exception.message };
  if (exception instanceof IdempotencyKeyConflictError) return { status: 409, message: exception.message };
  if (exception instanceof DownstreamNotFoundError) return { status: 404, message: capitalised(exception.message) };
  if (exception instanceof DownstreamCircuitOpenError) {
    return {
      status: 503,
      message: `The ${exception.service} service is unavailable for now; try again shortly`,
      headers: { 'retry-after': String(exception.retryAfterSeconds) },
    };
  }
  if (exception instanceof DownstreamTimeoutError) return { status: 504, message: `The ${exception.service} service did not answer in time` };
  if (exception instanceof DownstreamUnavailableError || exception instanceof DownstreamContractError) {
    return { status: 502, message: `The ${exception.service} service failed` };
  }
  // The gateway parses JSON bodies only, so any 415 (Fastify's, reaching here as Nest's HttpException) means that.
  if (exception instanceof HttpException && exception.getStatus() === 415) return { status: 415, message: JSON_BODIES_ONLY };
  return frameworkHttpError(exception) ?? { status: 500, message: 'Internal server error' };
}
