import type { RequestCancellation } from './request.cancellation';

/** What a downstream call carries from the request that caused it. */
export interface DownstreamCallContext {
  /** Sent as `x-request-id`, so one id follows the request through every service. */
  requestId?: string;
  /**
   * The verified caller, never taken from the client's own headers; sent as `x-user-id` only by a
   * call that declares `credentials: 'user-id'`.
   */
  userId?: string;
  /** The caller's access token; sent as `Authorization: Bearer` only by a call that declares `credentials: 'access-token'`. */
  accessToken?: string;
  /**
   * When the whole request must be answered (epoch ms). Each call gets the smaller of its own timeout
   * and the time left, and tells the service the time left in `x-deadline-ms`.
   */
  deadlineAt?: number;
  /** W3C `traceparent` for the call: the request's trace (with export on, each attempt names its own CLIENT span instead). */
  traceparent?: string;
  /** Request-scoped: identical GETs made while one is in flight share its answer. */
  inflight?: Map<string, Promise<unknown>>;
  /**
   * Request-scoped, one per request: cancelled when the request gives up on its calls (the
   * aggregation's Composition cancels it as soon as a required part fails, since the answer is then
   * decided). Every call of the request follows its signal: an attempt in flight is ended (the
   * service sees its connection closed), no attempt or retry starts after it, and a call ended so
   * is `cancelled` (DownstreamCancelledError), never the service's failure. A circuit's half-open
   * probe runs on regardless: its answer is what closes or reopens the circuit.
   */
  cancellation?: RequestCancellation;
}
