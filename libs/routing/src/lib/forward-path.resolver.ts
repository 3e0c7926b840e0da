import { AmbiguousPathError, RouteNotFoundError } from './pass-through.errors';
import { allowOf, isServiceInternal, matchingPatterns, type RoutePattern } from './route-path.pattern';

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\x00-\x1f\x7f]/;
/**
 * Characters that a decoded segment must not contain, since some server behind us could read
 * them as structure: `/` and `\` (separators), `%` (a second encoding: `%255f` is `%5f` once
 * decoded and `_` twice), `;` (matrix parameters, which some servers strip: `..;x`).
 */
const STRUCTURAL = /[/\\%;]/;

/** Where a routed request goes. */
export interface ResolvedPath {
  /** Path and query on the service, in one canonical encoding; undefined when no pattern of this path takes the method. */
  path: string | undefined;
  /** The methods the allow-listed patterns of this path take, as an `Allow` value (HEAD after GET). */
  allow: string;
}

/**
 * Matches a request under a route against the route's allow-listed paths, on the decoded,
 * normalised path, and builds the path the service is sent.
 *
 * - AmbiguousPathError (400) when the path could mean different paths to different servers:
 *   a `.` or `..` segment, plain or encoded (`%2e%2e`); an encoded slash or backslash (`%2f`,
 *   `%5c`); a backslash; an empty segment (`//`); a `%` left after decoding once (double
 *   encoding, `%255f`); a `;` (matrix parameters, `..;x`); a control character; malformed
 *   encoding.
 * - RouteNotFoundError (404) when it is none of the route's paths: a trailing slash, another
 *   case (`/Products`), or a segment starting with `_` in any encoding (`_admin`, `%5fadmin`),
 *   which no route can reach.
 * - No `path` when the path is allow-listed but not for this method (the router answers 405).
 *   Of the patterns that take the method, the most specific is used (a literal segment before
 *   a parameter).
 *
 * The service is sent the pattern's own literal segments and each parameter encoded again by
 * `encodeURIComponent` from its decoded value: what was checked is exactly what it receives,
 * however the client encoded it. The query string goes on as written.
 *
 * @param rawUrl the request target as received (`/api/catalog/products/p1?x=1`)
 * @param servedPrefix the route's prefix as served (`/api/catalog`)
 * @param target the route's path on the service (`/`, `/v2`)
 */
export function resolveRoutedPath(rawUrl: string, servedPrefix: string, target: string, patterns: readonly RoutePattern[], method: string): ResolvedPath {
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
  if (!rawPath.startsWith('/') || rawPath.includes('\\')) throw new AmbiguousPathError();

  const segments = rawPath.slice(1).split('/');
  const prefixSegments = servedPrefix.split('/').filter((segment) => segment !== '');
  // Fastify matched the prefix, possibly through percent-encoding: compare decoded.
  prefixSegments.forEach((expected, index) => {
    if (decoded(segments[index]) !== expected) throw new AmbiguousPathError();
  });
  const rest = segments.slice(prefixSegments.length);
  const trailingSlash = rest.length > 0 && rest[rest.length - 1] === '';
  const values = (trailingSlash ? rest.slice(0, -1) : rest).map((segment) => {
    // An empty segment anywhere but last is "//".
    if (segment === '') throw new AmbiguousPathError();
    const value = decoded(segment);
    if (value === '.' || value === '..' || STRUCTURAL.test(value) || CONTROL.test(value)) throw new AmbiguousPathError();
    return value;
  });
  // A path of its own ("/products/"), which no pattern names.
  if (trailingSlash || values.length === 0) throw new RouteNotFoundError(method);

  const targetSegments = target === '/' ? [] : target.slice(1).split('/');
  const matching = matchingPatterns(patterns, values);
  // The route table refuses patterns that could reach these; a parameter's value is checked here.
  if (matching.length === 0 || isServiceInternal([...targetSegments, ...values])) throw new RouteNotFoundError(method);
  const allow = allowOf([...new Set(matching.flatMap((pattern) => pattern.methods))]);
  const pattern = matching.find((candidate) => allowOf(candidate.methods).split(', ').includes(method));
  if (!pattern) return { path: undefined, allow };
  const onService = pattern.segments.map((part, index) => ('literal' in part ? part.literal : encodeURIComponent(values[index] ?? '')));
  return { path: `${target === '/' ? '' : target}/${onService.join('/')}${query}`, allow };
}

function decoded(segment: string | undefined): string {
  if (segment === undefined) throw new AmbiguousPathError();
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AmbiguousPathError();
  }
}
