import { ConfigError } from '@bff/config';
import { z } from 'zod';
import { DEFAULT_FORWARDED_HEADERS, forwardedHeaderProblem } from './forwarded.headers';
import { allowOf, compilePattern, isServiceInternal, patternProblem, type RoutePattern, samePaths } from './route-path.pattern';

/** The services a gateway may route to (identity-service is reached only through the login flow). */
export const ROUTED_SERVICES = ['user', 'order', 'catalog', 'recommendation'] as const;
export type RoutedService = (typeof ROUTED_SERVICES)[number];

/** HEAD is implied by GET; OPTIONS belongs to CORS. */
export const ROUTED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RoutedMethod = (typeof ROUTED_METHODS)[number];

/**
 * Which identity a service is sent for a routed call: `none`; `user-id`, the verified caller's
 * id (`x-user-id`); `access-token`, the caller's own token as `Authorization: Bearer` (and the
 * id). Room is left for a token of the service's own audience (RFC 8693 token exchange).
 */
export const ROUTE_CREDENTIALS = ['none', 'user-id', 'access-token'] as const;
export type RouteCredentials = (typeof ROUTE_CREDENTIALS)[number];

/** The body limit of a route that names none: the same as the gateway's own routes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const MAX_BODY_BYTES_CEILING = 100 * 1024 * 1024;

/** A path a route forwards, with methods of its own (else the route's `methods`). */
export interface RoutePathDefinition {
  path: string;
  methods: readonly RoutedMethod[];
}

/**
 * One entry of a gateway's route table: an allow-list of paths under a prefix, passed through
 * to one service. Anything the table does not name answers 404 and reaches no service.
 */
export interface RouteDefinition {
  /**
   * The path prefix the gateway serves, under its API root: `/catalog` serves `/api/catalog/...`.
   * Lower-case segments, no trailing slash, no parameters; no prefix may contain another.
   */
  prefix: string;
  /** The service that answers. */
  service: RoutedService;
  /**
   * The path on the service that takes the place of the prefix: with `/`, `/api/catalog/products/p1`
   * goes to `/products/p1`; with `/v2`, to `/v2/products/p1`. The query string goes along as it is.
   */
  target: string;
  /**
   * The paths forwarded, under the prefix: literal segments and `:name` parameters of one segment
   * each (`'/products'`, `'/products/:id'`), as a string (with the route's `methods`) or as
   * `{ path, methods }`. No wildcards. A path that could reach a service's internals (a segment
   * starting with `_`, `/health*`, a parameter as the service path's first segment) is refused.
   */
  paths: readonly (string | RoutePathDefinition)[];
  /** The methods of the paths given as strings (HEAD goes with GET); another answers 405 with `Allow`. @default none: then every path names its own */
  methods?: readonly RoutedMethod[];
  /** `required`: a verified caller, as on every other gateway route; `public`: anyone (still rate-limited). */
  auth: 'required' | 'public';
  /** Scopes the caller's token must all carry (only with `auth: 'required'`). @default none */
  scopes?: readonly string[];
  /** The identity the service is sent (not `none` only with `auth: 'required'`). @default 'none' */
  credentials?: RouteCredentials;
  /**
   * The client's request headers forwarded, in lower case; every other is dropped. Credentials,
   * method and path overrides, hop-by-hop, internal and fault-injection headers are refused.
   * The body's framing and `x-forwarded-for`/`-proto` always go. @default DEFAULT_FORWARDED_HEADERS
   * (accept, accept-encoding, accept-language, if-none-match, if-modified-since)
   */
  headers?: readonly string[];
  /** The largest request body passed on, in bytes; a larger one answers 413. @default 1048576 (1 MiB) */
  maxBodyBytes?: number;
}

export type RouteTable = readonly RouteDefinition[];

/** A validated route, its defaults filled in and its paths compiled. */
export interface PassThroughRoute {
  prefix: string;
  service: RoutedService;
  target: string;
  auth: 'required' | 'public';
  scopes: readonly string[];
  credentials: RouteCredentials;
  headers: readonly string[];
  maxBodyBytes: number;
  paths: readonly RoutePattern[];
  /** Every method some path forwards (for the API document). */
  methods: readonly RoutedMethod[];
  /** The same as an `Allow` value. */
  allow: string;
}

/**
 * A gateway's route table, typed. Validation happens when the app starts
 * (`RoutingModule.forRoot`), where a bad table stops it with one line.
 */
export function defineRoutes<const T extends RouteTable>(routes: T): T {
  return routes;
}

/** A route table that cannot be served; its message is one line naming the entry and the problem. */
export class RouteTableError extends ConfigError {
  constructor(where: string, problem: string) {
    super(`route table ${where}`, problem);
    this.name = 'RouteTableError';
  }
}

const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

const methodsSchema = z
  .array(z.enum(ROUTED_METHODS, { error: `must each be one of: ${ROUTED_METHODS.join(', ')}` }))
  .min(1, 'must name at least one method')
  .refine((methods) => new Set(methods).size === methods.length, 'must not repeat a method');

const routeSchema = z
  .strictObject({
    prefix: z
      .string()
      .regex(/^(\/[a-z0-9][a-z0-9-]*)+$/, 'must be a path such as /catalog: lower-case segments, no trailing slash, no dots, no parameters'),
    service: z.enum(ROUTED_SERVICES, { error: `must be one of: ${ROUTED_SERVICES.join(', ')}` }),
    target: z
      .string()
      .regex(/^\/$|^(\/[A-Za-z0-9~-][A-Za-z0-9._~-]*)+$/, 'must be / or a path such as /v1/products, with no dot segments, no segment starting with _ and no trailing slash')
      .refine((target) => !isServiceInternal(target.split('/').filter(Boolean)), "must not be a service's internal path (/health*)"),
    paths: z.array(z.union([z.string(), z.strictObject({ path: z.string(), methods: methodsSchema })])).min(1, 'must name at least one path'),
    methods: methodsSchema.optional(),
    auth: z.enum(['required', 'public'], { error: 'must be "required" or "public"' }),
    scopes: z.array(z.string().regex(SCOPE, 'must each be a scope token such as catalog:read')).optional(),
    credentials: z.enum(ROUTE_CREDENTIALS, { error: `must be one of: ${ROUTE_CREDENTIALS.join(', ')}` }).optional(),
    headers: z.array(z.string()).optional(),
    maxBodyBytes: z.number().int().min(0).max(MAX_BODY_BYTES_CEILING, `must be a whole number of bytes from 0 to ${MAX_BODY_BYTES_CEILING}`).optional(),
  })
  .refine((route) => route.auth === 'required' || !route.scopes?.length, { path: ['scopes'], message: 'need auth: "required" (a public route has no token to check)' })
  .refine((route) => route.auth === 'required' || (route.credentials ?? 'none') === 'none', {
    path: ['credentials'],
    message: 'need auth: "required" (a public route has no verified caller to send)',
  });

const tableSchema = z.array(routeSchema).min(1, 'must have at least one route');
type ParsedRoute = z.infer<typeof routeSchema>;

/** Validates a route table, fills its defaults and compiles its paths; throws a RouteTableError on the first problem. */
export function parseRouteTable(table: unknown): PassThroughRoute[] {
  const result = tableSchema.safeParse(table);
  if (!result.success) {
    const issue = result.error.issues[0];
    const [index, ...field] = issue?.path ?? [];
    const where = index === undefined ? '' : `routes[${String(index)}]${field.length ? `.${field.join('.')}` : ''}`;
    const problem = issue?.code === 'invalid_type' && field.length ? 'is required' : (issue?.message ?? 'is invalid');
    throw new RouteTableError(where || 'itself', problem);
  }
  const routes = result.data.map((route, index) => compileRoute(route, `routes[${index}]`));
  routes.forEach((route, index) => {
    const clash = routes.findIndex((other, otherIndex) => otherIndex !== index && (other.prefix === route.prefix || route.prefix.startsWith(`${other.prefix}/`)));
    if (clash !== -1) {
      throw new RouteTableError(`routes[${index}].prefix`, `${route.prefix} overlaps routes[${clash}].prefix ${routes[clash]?.prefix ?? ''}: each request must have one route`);
    }
  });
  return routes;
}

function compileRoute(route: ParsedRoute, where: string): PassThroughRoute {
  const targetSegments = route.target.split('/').filter(Boolean);
  const paths = route.paths.map((entry, index) => {
    const { path, methods } = typeof entry === 'string' ? { path: entry, methods: route.methods } : entry;
    const problem = patternProblem(path, targetSegments);
    if (problem) throw new RouteTableError(`${where}.paths.${index}`, `${path} ${problem}`);
    if (!methods) throw new RouteTableError(`${where}.paths.${index}`, `${path} needs methods: on the path ({ path, methods }) or on the route`);
    return compilePattern(path, methods);
  });
  paths.forEach((pattern, index) => {
    const twin = paths.findIndex((other, otherIndex) => otherIndex < index && samePaths(other, pattern));
    if (twin !== -1) throw new RouteTableError(`${where}.paths.${index}`, `${pattern.pattern} matches the same paths as paths.${twin} ${paths[twin]?.pattern ?? ''}`);
  });
  const headers = route.headers ?? DEFAULT_FORWARDED_HEADERS;
  headers.forEach((name, index) => {
    const problem = forwardedHeaderProblem(name);
    if (problem) throw new RouteTableError(`${where}.headers.${index}`, `${name} ${problem}`);
  });
  if (new Set(headers).size !== headers.length) throw new RouteTableError(`${where}.headers`, 'must not repeat a header');
  const methods = ROUTED_METHODS.filter((method) => paths.some((pattern) => pattern.methods.includes(method)));
  return {
    prefix: route.prefix,
    service: route.service,
    target: route.target,
    auth: route.auth,
    scopes: route.scopes ?? [],
    credentials: route.credentials ?? 'none',
    headers,
    maxBodyBytes: route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    paths,
    methods,
    allow: allowOf(methods),
  };
}
