import { DownstreamTimeoutError, DownstreamUnavailableError } from '@bff/service-clients';
import { ClientError, ResponseBodyError } from 'openid-client';
import { GrantRefusedError, InvalidProviderResponseError } from './web-session.errors';

const isTimeout = (error: unknown) => error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
/** undici's fetch rejects with this TypeError when no answer came (refused, reset, DNS). */
const isNetworkFailure = (error: unknown) => error instanceof TypeError && error.message === 'fetch failed';

/**
 * What a failed call to the provider means, as the gateway's named errors: unreachable or slow (502/504,
 * as for any service), a grant it refused (`invalid_grant`...), or an answer that failed a check.
 * Anything else is returned as it is (a bug: a 500 in the log).
 */
export function providerFailure(error: unknown, timeoutMs: number): Error {
  if (error instanceof ResponseBodyError) {
    return error.status >= 500 ? new DownstreamUnavailableError('identity', error.status) : new GrantRefusedError(error.error);
  }
  if (isTimeout(error)) return new DownstreamTimeoutError('identity', timeoutMs);
  if (isNetworkFailure(error)) return new DownstreamUnavailableError('identity');
  if (error instanceof ClientError) {
    const cause: unknown = error.cause;
    const status = cause instanceof Response ? cause.status : undefined;
    if (error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_RESPONSE_IS_NOT_JSON') {
      return new DownstreamUnavailableError('identity', status);
    }
    const claim = (cause as { cause?: { claim?: unknown } } | undefined)?.cause?.claim;
    return new InvalidProviderResponseError(error.code, typeof claim === 'string' ? claim : undefined, error.message);
  }
  return error instanceof Error ? error : new Error(String(error));
}
