/**
 * The one JSON error body that every gateway and sample service answers with,
 * whatever went wrong. It never carries a stack trace, an upstream URL or a token.
 */
export interface ApiError {
  /** The HTTP status, repeated for clients that only keep the body. */
  statusCode: number;
  /** The status's reason phrase, e.g. `Bad Gateway`. */
  error: string;
  /** A sentence for a developer; stable enough to show, not to parse. */
  message: string;
  /** The request id (gateways only), as in the `x-request-id` response header. */
  requestId?: string;
}
