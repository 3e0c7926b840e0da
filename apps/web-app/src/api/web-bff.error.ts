import type { ApiError } from '@bff/contracts';

/** web-bff answered with an error (its one JSON shape), or could not be reached at all. */
export class WebBffError extends Error implements ApiError {
  constructor(
    /** The HTTP status; 0 when no answer came (network down, CORS refused, wrong URL). */
    readonly statusCode: number,
    /** The status's reason phrase, e.g. `Unauthorized`. */
    readonly error: string,
    /** What the screen says, in words for the person in front of it. */
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'WebBffError';
  }

  /** What the screen shows under the message: status, reason and request id, for a support ticket. */
  get details(): string {
    const status = this.statusCode === 0 ? this.error : `${this.statusCode} ${this.error}`;
    return this.requestId ? `${status} · request ${this.requestId}` : status;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** What to say when the answer has no message fit to show. */
function statusWords(status: number): string {
  if (status === 400 || status === 415 || status === 422) return 'This could not be sent as it is. Check it and try again.';
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'This could not be found.';
  if (status === 413) return 'This is too large to send.';
  if (status === 502 || status === 503 || status === 504) return 'The shop is unavailable right now. Try again in a moment.';
  if (status >= 500) return 'Something went wrong on our side. Try again in a moment.';
  return 'Something went wrong. Try again in a moment.';
}

/**
 * A message from web-bff is shown as it comes (it names the field and says what is wrong), unless it
 * is not words: a piece of JSON or an echo of what was sent, which a person cannot act on.
 */
const isWords = (message: string): boolean => message.length <= 300 && !/[{[]\s*"/.test(message);

/** Retry-After (seconds, or an HTTP date) as whole seconds from now; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.max(1, Number(value));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(1, Math.ceil((at - now) / 1000));
}

/**
 * The error in an answer's body. web-bff always sends `{statusCode, error, message, requestId}`, but a
 * proxy or load balancer in front of it may answer with HTML, so anything else falls back to the
 * status in words. A throttled answer says when to try again, from `Retry-After`.
 */
export function toWebBffError(
  status: number,
  statusText: string,
  body: unknown,
  requestIdHeader: string | null,
  retryAfterHeader: string | null = null,
): WebBffError {
  const requestId = isRecord(body) && typeof body['requestId'] === 'string' ? body['requestId'] : (requestIdHeader ?? undefined);
  const error = isRecord(body) && typeof body['error'] === 'string' ? body['error'] : statusText || 'Error';
  const wait = retryAfterSeconds(retryAfterHeader);
  if (status === 429) {
    return new WebBffError(status, error, wait === undefined ? 'Too many requests: try again in a moment.' : `Too many requests: try again in ${wait} s.`, requestId);
  }
  const given = isRecord(body) && typeof body['message'] === 'string' ? body['message'].trim() : '';
  const message = given !== '' && isWords(given) ? given : statusWords(status);
  return new WebBffError(status, error, wait === undefined || status < 500 ? message : `${message.replace(/\.?$/, '.')} Try again in ${wait} s.`, requestId);
}
