import type { IncomingHttpHeaders } from 'node:http';

/** A request as `GET /_admin/last-request` shows it. */
export interface RecordedRequest {
  method: string;
  /** With the values of credential-like query parameters redacted. */
  url: string;
  /** Every header the request had, by name; the value only for the headers in SHOWN_HEADERS, else REDACTED. */
  headers: Record<string, string | string[]>;
}

export const REDACTED = '[redacted]';

/**
 * Headers whose values tests read and that carry no credential: content negotiation and
 * framing, what a gateway adds of its own (request id, deadline, trace, verified user id,
 * what it saw of the client), and idempotency keys. Every other value (Authorization,
 * Cookie, X-CSRF-Token, anything unknown) is redacted: a service that echoes what it
 * received must never hand one caller's credentials to another.
 */
const SHOWN_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'connection',
  'content-encoding',
  'content-length',
  'content-type',
  'host',
  'idempotency-key',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'traceparent',
  'tracestate',
  'user-agent',
  'x-deadline-ms',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-request-id',
  'x-user-id',
]);

/** A value that looks like a credential wherever it turns up: a JWT, or an authorization scheme and its token. */
const TOKEN_LOOKING = /eyJ[A-Za-z0-9_-]+\.|^\s*(bearer|basic|dpop|token|negotiate)\s/i;
/** Query parameters named like a credential (`access_token`, `code`, `client_secret`, `api_key`, `password`...). */
const CREDENTIAL_PARAMETER = /token|secret|password|passwd|session|code|key|assertion|ticket|signature|sig$|auth/i;

/** What the fault injector keeps of a request: never a credential's value. */
export function recordedRequest(method: string, url: string, headers: IncomingHttpHeaders): RecordedRequest {
  const shown: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    const safe = SHOWN_HEADERS.has(name) && !values.some((one) => TOKEN_LOOKING.test(one));
    shown[name] = safe ? value : REDACTED;
  }
  return { method, url: redactedUrl(url), headers: shown };
}

function redactedUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const safePath = TOKEN_LOOKING.test(path) ? path.replace(/eyJ[A-Za-z0-9_.%-]+/g, REDACTED) : path;
  if (queryAt === -1) return safePath;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equalsAt = pair.indexOf('=');
      if (equalsAt === -1) return pair;
      const name = pair.slice(0, equalsAt);
      const value = pair.slice(equalsAt + 1);
      return CREDENTIAL_PARAMETER.test(safeDecode(name)) || TOKEN_LOOKING.test(safeDecode(value)) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${safePath}?${query}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
