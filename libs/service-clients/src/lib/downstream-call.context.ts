/** What a downstream call carries from the request that caused it. */
export interface DownstreamCallContext {
  /** Sent as `x-request-id`, so one id follows the request through every service. */
  requestId?: string;
}
