import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/**
 * The client's headers a route forwards when it names none: content negotiation and
 * conditional requests, what a read of a resource needs, and nothing that says who the
 * caller is or tells the service how to behave.
 */
export const DEFAULT_FORWARDED_HEADERS = ['accept', 'accept-encoding', 'accept-language', 'if-none-match', 'if-modified-since'] as const;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, so each
 * side of the gateway has its own. `host` and `expect` are also per connection
 * here: the pool sets the service's host, and the gateway answers 100-continue itself.
 */
const HOP_BY_HOP = ['connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-connection', 'host', 'expect', 'http2-settings'];

/**
 * Client headers no route may forward, whatever its table says, with why. Credentials
 * (the gateway decides, per route, which identity a service is sent), what proxies in front
 * saw (the gateway says that, as it established it), headers the gateway sets itself, headers
 * that make a server handle a request as another method or path than the one the route
 * checked, and the sample services' fault injection.
 */
const REFUSED: ReadonlyArray<readonly [RegExp, string]> = [
  [new RegExp(`^(${HOP_BY_HOP.join('|')})$`), 'is hop-by-hop'],
  [/^(content-type|content-length|content-encoding)$/, "is the body's framing, forwarded with a body anyway"],
  [/^(authorization|proxy-authorization|cookie|cookie2|x-csrf-token|x-xsrf-token|x-api-key)$/, "is a credential: declare the route's credentials instead"],
  [/^(x-request-id|x-deadline-ms|traceparent|tracestate|baggage)$/, 'is set by the gateway'],
  [/^(x-user-|x-internal-|x-forwarded-|proxy-|x-fault-)/, 'is internal: set by the gateway or a test harness, never by a client'],
  [/^(forwarded|x-real-ip|x-client-ip|true-client-ip|x-original-host|x-host)$/, 'says what a proxy saw: the gateway sets x-forwarded-for and x-forwarded-proto itself'],
  [/^(x-http-method-override|x-http-method|x-method-override|x-original-method)$/, 'overrides the method the route checked'],
  [/^(x-original-url|x-original-uri|x-rewrite-url|x-override-url)$/, 'overrides the path the route checked'],
];

const HEADER_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Why a route may not forward this header, or undefined when it may. */
export function forwardedHeaderProblem(name: string): string | undefined {
  if (!HEADER_NAME.test(name)) return 'must be a header name in lower case (letters, digits and -)';
  return REFUSED.find(([pattern]) => pattern.test(name))?.[1];
}

/** What a service must not be able to set on the client's answer: cookies and CORS belong to the gateway. */
const SERVICE_ONLY = new Set(['set-cookie', 'x-powered-by']);
const SERVICE_ONLY_PREFIXES = ['x-internal-', 'x-user-', 'access-control-', 'proxy-'];
const HOP_BY_HOP_SET = new Set(HOP_BY_HOP);

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
 * The headers a service is sent for a routed request: the client's headers that the route
 * names (`allowed`, checked by the route table against the refused names), unless the
 * client's `Connection` names them hop-by-hop; the body's framing when there is a body
 * (Content-Type, Content-Length, Content-Encoding); and the client's address and scheme as
 * the gateway saw them (`x-forwarded-for`, `x-forwarded-proto`). Nothing else the client
 * wrote. The gateway's own (request id, deadline, trace, the route's credentials) are added
 * by DownstreamForwarder.
 */
export function requestHeadersToForward(
  headers: IncomingHttpHeaders,
  body: BodyFraming | undefined,
  client: ClientOrigin,
  allowed: readonly string[],
): Record<string, string | string[]> {
  const forwarded: Record<string, string | string[]> = {};
  const named = connectionNamed(headers.connection);
  for (const name of allowed) {
    const value = headers[name];
    if (value !== undefined && !named.has(name)) forwarded[name] = value;
  }
  if (body) {
    if (body.contentType !== undefined) forwarded['content-type'] = body.contentType;
    if (body.contentLength !== undefined) forwarded['content-length'] = body.contentLength;
    // The body's bytes mean nothing without it; it says nothing about the caller.
    const encoding = headers['content-encoding'];
    if (encoding !== undefined) forwarded['content-encoding'] = encoding;
  }
  forwarded['x-forwarded-for'] = client.ip;
  forwarded['x-forwarded-proto'] = client.protocol;
  return forwarded;
}

/** The service's response headers the client may see: end-to-end ones, none that the gateway owns. */
export function responseHeadersToReturn(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const returned: OutgoingHttpHeaders = {};
  const named = connectionNamed(headers.connection);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP_SET.has(name) || named.has(name)) continue;
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
