import type { ApiError } from '@bff/contracts';

/** web-bff answered with an error (its one JSON shape), or could not be reached at all. */
export class WebBffError extends Error implements ApiError {
  constructor(
    /** The HTTP status; 0 when no answer came (network down, CORS refused, wrong URL). */
    readonly statusCode: number,
    /** The status's reason phrase, e.g. `Unauthorized`. */
    readonly error: string,
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

/**
 * The error in an answer's body. web-bff always sends `{statusCode, error, message, requestId}`, but a
 * proxy or load balancer in front of it may answer with HTML, so anything else falls back to the status.
 */
export function toWebBffError(status: number, statusText: string, body: unknown, requestIdHeader: string | null): WebBffError {
  const requestId = isRecord(body) && typeof body['requestId'] === 'string' ? body['requestId'] : (requestIdHeader ?? undefined);
  if (isRecord(body) && typeof body['message'] === 'string' && body['message'] !== '') {
    const error = typeof body['error'] === 'string' ? body['error'] : statusText;
    return new WebBffError(status, error, body['message'], requestId);
  }
  const reason = statusText || 'Error';
  return new WebBffError(status, reason, `web-bff answered ${status} ${reason}`.trim(), requestId);
}
