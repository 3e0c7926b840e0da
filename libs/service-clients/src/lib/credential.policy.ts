import type { DownstreamCallContext } from './downstream-call.context';

/**
 * Which identity of the caller a downstream call is sent, declared by the call (a typed client's
 * method, a pass-through route), never decided by what the caller has:
 * - `'none'`: nothing about the caller (the default everywhere);
 * - `'user-id'`: the verified subject, as `x-user-id`;
 * - `'access-token'`: the caller's own access token, as `Authorization: Bearer`.
 *
 * A union so that RFC 8693 token exchange can join it later as a member of its own (say
 * `{ exchange: { audience: 'order-service' } }`: a downstream token for that audience, obtained
 * and cached by the gateway), without any call site that declares one of today's members changing.
 */
export type CredentialPolicy = 'none' | 'user-id' | 'access-token';

/** What a call without a declaration is sent. */
export const DEFAULT_CREDENTIALS: CredentialPolicy = 'none';

/** The header names the policies may set: the gateway's own, whatever a client sent under them. */
export const CREDENTIAL_HEADERS = ['x-user-id', 'authorization'] as const;

/** Adds the headers `policy` allows, taken from the verified request context only. */
export function addCredentialHeaders(headers: Record<string, string | string[]>, policy: CredentialPolicy, context: DownstreamCallContext | undefined): void {
  switch (policy) {
    case 'none':
      return;
    case 'user-id':
      if (context?.userId) headers['x-user-id'] = context.userId;
      return;
    case 'access-token':
      if (context?.accessToken) headers['authorization'] = `Bearer ${context.accessToken}`;
      return;
    default:
      // A member added to the union without a case here is a compile error, not a call sent bare.
      return policy satisfies never;
  }
}
