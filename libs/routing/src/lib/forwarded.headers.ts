import { GATEWAY_SET_HEADERS } from '@bff/service-clients';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, so each
 * side of the gateway has its own. `host` and `expect` are also per connection
 * here: the pool sets the service's host, and the gateway answers 100-continue itself.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-connection', 'host', 'expect', 'http2-settings']);

/**
 * What a client must not be able to tell a service: who the caller is (the gateway says that,
 * from the verified token), what the proxies in front saw, internal flags, and its own
 * credentials (cookies, tokens, the CSRF token of its session).
 */
const CLIENT_ONLY = new Set(['cookie', 'authorization', 'x-csrf-token', 'forwarded', 'x-real-ip', ...GATEWAY_SET_HEADERS]);
const INTERNAL_PREFIXES = ['x-user-', 'x-internal-', 'x-forwarded-', 'proxy-'];

/** What a service must not be able to set on the client's answer: cookies and CORS belong to the gateway. */
const SERVICE_ONLY = new Set(['set-cookie', 'x-powered-by']);
const SERVICE_ONLY_PREFIXES = ['x-internal-', 'x-user-', 'access-control-', 'proxy-'];

/** The request body's framing, which the router holds back from Fastify and restores here. */
export interface BodyFraming {
  contentType?: string;
  /** Absent for a chunked body: the pool then chunks it again. */
  contentLength?: string;
}

/** Where the request came from, as the gateway established it (trusting only its configured proxies). */
export interface ClientOrigin {
  ip: string;
  protocol: string;
}

/**
 * The client's headers a service may see: end-to-end ones only, none of the
 * client's credentials or internal headers; plus the client's address and
 * scheme as the gateway saw them (`x-forwarded-for`, `x-forwarded-proto`).
 * The gateway's own (request id, caller, token, deadline, trace) are added by
 * DownstreamForwarder.
 */
export function requestHeadersToForward(headers: IncomingHttpHeaders, body: BodyFraming | undefined, client: ClientOrigin): Record<string, string | string[]> {
  const forwarded: Record<string, string | string[]> = {};
  const named = connectionNamed(headers.connection);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'content-length' || name === 'content-type') continue;
    if (HOP_BY_HOP.has(name) || named.has(name) || CLIENT_ONLY.has(name) || INTERNAL_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    forwarded[name] = value;
  }
  if (body?.contentType !== undefined) forwarded['content-type'] = body.contentType;
  if (body?.contentLength !== undefined) forwarded['content-length'] = body.contentLength;
  forwarded['x-forwarded-for'] = client.ip;
  forwarded['x-forwarded-proto'] = client.protocol;
  return forwarded;
}

/** The service's response headers the client may see: end-to-end ones, none that the gateway owns. */
export function responseHeadersToReturn(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const returned: OutgoingHttpHeaders = {};
  const named = connectionNamed(headers.connection);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    if (SERVICE_ONLY.has(name) || SERVICE_ONLY_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    returned[name] = value;
  }
  return returned;
}

/** The headers a `Connection` header names, which are hop-by-hop too. */
function connectionNamed(connection: string | string[] | undefined): Set<string> {
  const values = Array.isArray(connection) ? connection : connection === undefined ? [] : [connection];
  return new Set(values.flatMap((value) => value.split(',')).map((token) => token.trim().toLowerCase()).filter((token) => token !== ''));
}
