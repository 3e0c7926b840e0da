import { addCredentialHeaders, CREDENTIAL_HEADERS, type CredentialPolicy } from './credential.policy';
import type { DownstreamCallContext } from './downstream-call.context';

/**
 * The headers the gateway writes itself on every call to a service: the request id, the time
 * left, the trace and the caller's identity (by declaration). A copy of one of them among the
 * headers a call passes on (a client's, through a pass-through route) is dropped, never sent.
 */
export const GATEWAY_SET_HEADERS = ['x-request-id', 'x-deadline-ms', 'traceparent', ...CREDENTIAL_HEADERS] as const;

const GATEWAY_SET = new Set<string>(GATEWAY_SET_HEADERS);

/** What one attempt's own headers are made from. */
export interface GatewayHeaderSource {
  context?: DownstreamCallContext;
  credentials: CredentialPolicy;
  /** The attempt's timeout, sent as `x-deadline-ms` so the service can give up when the gateway will. */
  timeoutMs: number;
  /** The attempt's CLIENT span's traceparent when it has one; the request's otherwise. */
  traceparent?: string;
}

/**
 * The headers of one attempt: those the call passes on (a client's end-to-end headers, or a
 * typed call's content type and idempotency key), without any name the gateway writes itself,
 * then the gateway's own. Only what the gateway vouches for reaches a service under its names.
 */
export function outboundHeaders(passed: Readonly<Record<string, string | string[]>> | undefined, own: GatewayHeaderSource): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  if (passed) {
    for (const name in passed) {
      const value = passed[name];
      // Defence in depth: the router builds `passed` from an allow-list, and this holds even if it did not.
      if (value !== undefined && !GATEWAY_SET.has(name.toLowerCase())) headers[name] = value;
    }
  }
  const { context } = own;
  headers['x-deadline-ms'] = String(Math.floor(own.timeoutMs));
  if (context?.requestId) headers['x-request-id'] = context.requestId;
  const traceparent = own.traceparent ?? context?.traceparent;
  if (traceparent) headers['traceparent'] = traceparent;
  addCredentialHeaders(headers, own.credentials, context);
  return headers;
}
