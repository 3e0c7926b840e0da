import { PathOutsidePrefixError } from './pass-through.errors';

/** Percent-encoded dots, slashes and backslashes that are still there after one decoding (double encoding). */
const ENCODED_SEPARATOR = /%(2e|2f|5c)/i;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * The path and query to send the service for a request under a route, or a
 * PathOutsidePrefixError when the path could normalise to somewhere else,
 * here or at any server behind us that decodes or normalises paths differently:
 * a `.` or `..` segment, plain or encoded (`%2e%2e`, `.%2E`, also `..;x`), an
 * encoded slash or backslash, a backslash, an empty segment (`//`), a double
 * encoding of any of these, a control character, or malformed encoding.
 *
 * Works on the raw request target, not on the router's decoded parameters, and
 * passes the segments on exactly as the client encoded them.
 *
 * @param rawUrl the request target as received (`/api/catalog/products/p1?x=1`)
 * @param servedPrefix the route's prefix as served (`/api/catalog`)
 * @param target the route's path on the service (`/`, `/v2`)
 */
export function resolveForwardPath(rawUrl: string, servedPrefix: string, target: string): string {
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
  if (!rawPath.startsWith('/') || rawPath.includes('\\')) throw new PathOutsidePrefixError();

  const segments = rawPath.slice(1).split('/');
  const prefixSegments = servedPrefix.split('/').filter((segment) => segment !== '');
  // The router matched the prefix, possibly through percent-encoding: compare decoded.
  prefixSegments.forEach((expected, index) => {
    if (decoded(segments[index]) !== expected) throw new PathOutsidePrefixError();
  });
  const rest = segments.slice(prefixSegments.length);
  if (rest.length === 0) throw new PathOutsidePrefixError();
  rest.forEach((segment, index) => {
    const isLast = index === rest.length - 1;
    // A trailing slash is a path of its own ("/products/"), an empty segment anywhere else is "//".
    if (segment === '' && !isLast) throw new PathOutsidePrefixError();
    const value = decoded(segment);
    const beforeParameters = value.split(';')[0];
    if (beforeParameters === '.' || beforeParameters === '..') throw new PathOutsidePrefixError();
    if (value.includes('/') || value.includes('\\') || CONTROL.test(value) || ENCODED_SEPARATOR.test(value)) throw new PathOutsidePrefixError();
  });
  const base = target === '/' ? '' : target;
  return `${base}/${rest.join('/')}${query}`;
}

function decoded(segment: string | undefined): string {
  if (segment === undefined) throw new PathOutsidePrefixError();
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new PathOutsidePrefixError();
  }
}
