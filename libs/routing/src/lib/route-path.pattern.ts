/**
 * The path patterns of a route's allow-list (`/products`, `/products/:id`): literal segments and
 * `:name` parameters, one segment each. No wildcards: a route names every path it forwards.
 */

/** A literal segment of a pattern: it cannot start with `_` or `.` (service internals, dot segments). */
export const LITERAL_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;
const PARAMETER_SEGMENT = /^:[A-Za-z][A-Za-z0-9]*$/;

/**
 * A service's own paths, which no route may reach whatever it declares: a segment starting with
 * `_` (`/_admin/faults`), and a first segment starting with `health` (`/health`, `/health/ready`,
 * `/healthz`), in any case.
 */
export function isServiceInternal(segments: readonly string[]): boolean {
  return segments.some((segment) => segment.startsWith('_')) || /^health/i.test(segments[0] ?? '');
}

export type PatternSegment = { literal: string } | { parameter: string };

/** One pattern of a route, compiled. */
export interface RoutePattern {
  /** As written in the table (`/products/:id`). */
  pattern: string;
  segments: readonly PatternSegment[];
  /** The methods forwarded on this path (HEAD goes with GET). */
  methods: readonly string[];
  /** The `Allow` header of a 405 on this path: the methods, HEAD after GET. */
  allow: string;
}

/**
 * Why a pattern cannot be served, or undefined when it can. `targetSegments` are the route's
 * target on the service (`/v2` -> `['v2']`): the pattern is checked as the service will see it.
 */
export function patternProblem(pattern: string, targetSegments: readonly string[]): string | undefined {
  if (!pattern.startsWith('/') || pattern === '/' || pattern.endsWith('/')) return 'must be a path such as /products/:id, with no trailing slash';
  const segments = pattern.slice(1).split('/');
  for (const segment of segments) {
    if (segment.startsWith('_')) return "must not name a service's internal path (a segment starting with _)";
    if (!LITERAL_SEGMENT.test(segment) && !PARAMETER_SEGMENT.test(segment)) {
      return 'must have literal segments (letters, digits, . _ ~ -, not starting with . or _) or :name parameters';
    }
  }
  const parameters = segments.filter((segment) => segment.startsWith(':'));
  if (new Set(parameters).size !== parameters.length) return 'must not repeat a parameter';
  const onService = [...targetSegments, ...segments];
  if (onService[0]?.startsWith(':')) return "must start with a literal segment on the service: a parameter there could reach the service's /health";
  if (isServiceInternal(onService)) return "must not name a service's internal path (/health*)";
  return undefined;
}

/** Compiles a pattern that `patternProblem` found none in. */
export function compilePattern(pattern: string, methods: readonly string[]): RoutePattern {
  const segments = pattern
    .slice(1)
    .split('/')
    .map((segment): PatternSegment => (segment.startsWith(':') ? { parameter: segment.slice(1) } : { literal: segment }));
  return { pattern, segments, methods, allow: allowOf(methods) };
}

/** The `Allow` value of a set of methods: HEAD after GET. */
export function allowOf(methods: readonly string[]): string {
  return methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method])).join(', ');
}

/**
 * The patterns that match these decoded segments, most specific first: when several do
 * (`/products/featured` and `/products/:id`), the one with a literal where another has a
 * parameter comes first, segment by segment from the left, as in most routers.
 */
export function matchingPatterns(patterns: readonly RoutePattern[], segments: readonly string[]): RoutePattern[] {
  return patterns.filter((pattern) => matches(pattern, segments)).sort((a, b) => (moreSpecific(a, b) ? -1 : moreSpecific(b, a) ? 1 : 0));
}

function matches(pattern: RoutePattern, segments: readonly string[]): boolean {
  return pattern.segments.length === segments.length && pattern.segments.every((part, index) => !('literal' in part) || part.literal === segments[index]);
}

function moreSpecific(candidate: RoutePattern, than: RoutePattern): boolean {
  for (let index = 0; index < candidate.segments.length; index++) {
    const mine = candidate.segments[index];
    const theirs = than.segments[index];
    if (mine && theirs && 'literal' in mine !== 'literal' in theirs) return 'literal' in mine;
  }
  return false;
}

/**
 * Two patterns that match exactly the same paths (`/products/:id` and `/products/:sku`): a table
 * that has both is ambiguous about which path's methods apply.
 */
export function samePaths(a: RoutePattern, b: RoutePattern): boolean {
  return (
    a.segments.length === b.segments.length &&
    a.segments.every((part, index) => {
      const other = b.segments[index];
      if (!other) return false;
      if ('literal' in part) return 'literal' in other && other.literal === part.literal;
      return 'parameter' in other;
    })
  );
}
