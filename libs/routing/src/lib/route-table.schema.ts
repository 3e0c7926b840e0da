import { ConfigError } from '@bff/config';
import { z } from 'zod';

/** The services a gateway may route to (identity-service is reached only through the login flow). */
export const ROUTED_SERVICES = ['user', 'order', 'catalog', 'recommendation'] as const;
export type RoutedService = (typeof ROUTED_SERVICES)[number];

/** HEAD is implied by GET; OPTIONS belongs to CORS. */
export const ROUTED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RoutedMethod = (typeof ROUTED_METHODS)[number];

/** The body limit of a route that names none: the same as the gateway's own routes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const MAX_BODY_BYTES_CEILING = 100 * 1024 * 1024;

/** One entry of a gateway's route table: a path prefix passed through to one service. */
export interface RouteDefinition {
  /**
   * The path prefix the gateway serves, under its API root: `/catalog` serves `/api/catalog/*`.
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
  /** The methods passed through (HEAD goes with GET); any other answers 405 with `Allow`. */
  methods: readonly RoutedMethod[];
  /** `required`: a verified caller, as on every other gateway route; `public`: anyone (still rate-limited). */
  auth: 'required' | 'public';
  /** Scopes the caller's token must all carry (only with `auth: 'required'`). @default none */
  scopes?: readonly string[];
  /** The largest request body passed on, in bytes; a larger one answers 413. @default 1048576 (1 MiB) */
  maxBodyBytes?: number;
}

export type RouteTable = readonly RouteDefinition[];

/** A validated route, its defaults filled in. */
export interface PassThroughRoute extends Required<RouteDefinition> {
  /** The `Allow` header of a 405: the methods, HEAD after GET. */
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

const routeSchema = z
  .strictObject({
    prefix: z
      .string()
      .regex(/^(\/[a-z0-9][a-z0-9-]*)+$/, 'must be a path such as /catalog: lower-case segments, no trailing slash, no dots, no parameters'),
    service: z.enum(ROUTED_SERVICES, { error: `must be one of: ${ROUTED_SERVICES.join(', ')}` }),
    target: z
      .string()
      .regex(/^\/$|^(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$/, 'must be / or a path such as /v1/products, with no dot segments and no trailing slash'),
    methods: z
      .array(z.enum(ROUTED_METHODS, { error: `must each be one of: ${ROUTED_METHODS.join(', ')}` }))
      .min(1, 'must name at least one method')
      .refine((methods) => new Set(methods).size === methods.length, 'must not repeat a method'),
    auth: z.enum(['required', 'public'], { error: 'must be "required" or "public"' }),
    scopes: z.array(z.string().regex(SCOPE, 'must each be a scope token such as catalog:read')).optional(),
    maxBodyBytes: z.number().int().min(0).max(MAX_BODY_BYTES_CEILING, `must be a whole number of bytes from 0 to ${MAX_BODY_BYTES_CEILING}`).optional(),
  })
  .refine((route) => route.auth === 'required' || !route.scopes?.length, { path: ['scopes'], message: 'need auth: "required" (a public route has no token to check)' });

const tableSchema = z.array(routeSchema).min(1, 'must have at least one route');

/** Validates a route table and fills its defaults; throws a RouteTableError on the first problem. */
export function parseRouteTable(table: unknown): PassThroughRoute[] {
  const result = tableSchema.safeParse(table);
  if (!result.success) {
    const issue = result.error.issues[0];
    const [index, ...field] = issue?.path ?? [];
    const where = index === undefined ? '' : `routes[${String(index)}]${field.length ? `.${field.join('.')}` : ''}`;
    const problem = issue?.code === 'invalid_type' && field.length ? 'is required' : (issue?.message ?? 'is invalid');
    throw new RouteTableError(where || 'itself', problem);
  }
  const routes = result.data.map(
    (route): PassThroughRoute => ({
      ...route,
      scopes: route.scopes ?? [],
      maxBodyBytes: route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      allow: route.methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method])).join(', '),
    }),
  );
  routes.forEach((route, index) => {
    const clash = routes.findIndex((other, otherIndex) => otherIndex !== index && (other.prefix === route.prefix || route.prefix.startsWith(`${other.prefix}/`)));
    if (clash !== -1) {
      throw new RouteTableError(`routes[${index}].prefix`, `${route.prefix} overlaps routes[${clash}].prefix ${routes[clash]?.prefix ?? ''}: each request must have one route`);
    }
  });
  return routes;
}
