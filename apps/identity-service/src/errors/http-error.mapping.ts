import { frameworkHttpError, type HttpError } from '@bff/http-errors';
import { AdminAuthenticationError } from '../admin/admin-authentication.error';
import { InvalidCredentialsError } from '../sign-in/invalid-credentials.error';
import { TooManyFailedSignInsError } from '../sign-in/too-many-failed-sign-ins.error';

export type { HttpError };

/**
 * The one table from what went wrong to what the client is told. Anything
 * unknown is a bare 500: its details go to the log, never to the client.
 */
export function toHttpError(exception: unknown): HttpError {
  if (exception instanceof InvalidCredentialsError) return { status: 401, message: exception.message };
  if (exception instanceof TooManyFailedSignInsError) {
    return { status: 429, message: exception.message, headers: { 'retry-after': String(exception.retryAfterSeconds) } };
  }
  if (exception instanceof AdminAuthenticationError) {
    // RFC 9110 §15.5.2: a 401 says which scheme would be accepted.
    return { status: 401, message: exception.message, headers: { 'www-authenticate': 'Bearer realm="identity-admin"' } };
  }
  return frameworkHttpError(exception) ?? { status: 500, message: 'Internal server error' };
}
