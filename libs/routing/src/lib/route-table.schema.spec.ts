import { ConfigError } from '@bff/config';
import { defineRoutes, parseRouteTable, type RouteDefinition, RouteTableError } from './route-table.schema';

const catalog: RouteDefinition = { prefix: '/catalog', service: 'catalog', target: '/', paths: ['/products', '/products/:id'], methods: ['GET'], auth: 'required' };

describe('parseRouteTable', () => {
  it('fills the defaults, compiles the paths and works out the Allow headers', () => {
    const table = defineRoutes([
      catalog,
      {
        prefix: '/orders-raw',
        service: 'order',
        target: '/orders',
        paths: ['/:id', { path: '/drafts', methods: ['POST', 'GET'] }],
        methods: ['GET'],
        auth: 'required',
        scopes: ['orders:write'],
        credentials: 'access-token',
        headers: ['accept', 'idempotency-key'],
        maxBodyBytes: 10,
      },
    ]);
    const [catalogRoute, ordersRoute] = parseRouteTable(table);
    expect(catalogRoute).toMatchObject({
      prefix: '/catalog',
      service: 'catalog',
      target: '/',
      auth: 'required',
      scopes: [],
      credentials: 'none',
      headers: ['accept', 'accept-encoding', 'accept-language', 'if-none-match', 'if-modified-since'],
      maxBodyBytes: 1024 * 1024,
      methods: ['GET'],
      allow: 'GET, HEAD',
    });
    expect(catalogRoute?.paths.map(({ pattern, allow }) => [pattern, allow])).toEqual([
      ['/products', 'GET, HEAD'],
      ['/products/:id', 'GET, HEAD'],
    ]);
    expect(ordersRoute).toMatchObject({ scopes: ['orders:write'], credentials: 'access-token', headers: ['accept', 'idempotency-key'], maxBodyBytes: 10, methods: ['GET', 'POST'] });
    expect(ordersRoute?.paths.map(({ pattern, allow }) => [pattern, allow])).toEqual([
      ['/:id', 'GET, HEAD'],
      ['/drafts', 'POST, GET, HEAD'],
    ]);
  });

  it.each([
    ['a prefix with a trailing slash', [{ ...catalog, prefix: '/catalog/' }], 'route table routes[0].prefix must be a path such as /catalog'],
    ['a prefix with dots', [{ ...catalog, prefix: '/cat/../x' }], 'routes[0].prefix must be a path'],
    ['a prefix with a parameter', [{ ...catalog, prefix: '/catalog/:id' }], 'routes[0].prefix must be a path'],
    ['a relative prefix', [{ ...catalog, prefix: 'catalog' }], 'routes[0].prefix must be a path'],
    ['an unknown service', [{ ...catalog, service: 'identity' }], 'routes[0].service must be one of: user, order, catalog, recommendation'],
    ['a target with a dot segment', [{ ...catalog, target: '/v1/..' }], 'routes[0].target must be / or a path'],
    ['a target with a trailing slash', [{ ...catalog, target: '/v1/' }], 'routes[0].target must be / or a path'],
    ['a target of the admin routes', [{ ...catalog, target: '/_admin' }], 'routes[0].target must be / or a path'],
    ['a target of the health routes', [{ ...catalog, target: '/health' }], "routes[0].target must not be a service's internal path (/health*)"],
    ['no paths', [{ ...catalog, paths: [] }], 'routes[0].paths must name at least one path'],
    ['no paths at all', [{ prefix: '/catalog', service: 'catalog', target: '/', methods: ['GET'], auth: 'required' }], 'routes[0].paths is required'],
    ['a path of the admin routes', [{ ...catalog, paths: ['/_admin/last-request'] }], "routes[0].paths.0 /_admin/last-request must not name a service's internal path (a segment starting with _)"],
    ['an admin segment deeper down', [{ ...catalog, paths: ['/products/:id/_debug'] }], 'routes[0].paths.0 /products/:id/_debug must not name'],
    ['a health path', [{ ...catalog, paths: ['/health/ready'] }], "routes[0].paths.0 /health/ready must not name a service's internal path (/health*)"],
    ['a healthz path', [{ ...catalog, paths: ['/Healthz'] }], 'routes[0].paths.0 /Healthz must not name'],
    ['a parameter first on the service', [{ ...catalog, paths: ['/:section/items'] }], 'routes[0].paths.0 /:section/items must start with a literal segment on the service'],
    ['a wildcard', [{ ...catalog, paths: ['/products/*'] }], 'routes[0].paths.0 /products/* must have literal segments'],
    ['an encoded segment', [{ ...catalog, paths: ['/products/%5fx'] }], 'routes[0].paths.0 /products/%5fx must have literal segments'],
    ['a dot segment', [{ ...catalog, paths: ['/products/../users'] }], 'routes[0].paths.0 /products/../users must have literal segments'],
    ['a trailing slash', [{ ...catalog, paths: ['/products/'] }], 'routes[0].paths.0 /products/ must be a path such as /products/:id'],
    ['the bare prefix', [{ ...catalog, paths: ['/'] }], 'routes[0].paths.0 / must be a path'],
    ['an empty segment', [{ ...catalog, paths: ['/products//x'] }], 'routes[0].paths.0 /products//x must have literal segments'],
    ['a repeated parameter', [{ ...catalog, paths: ['/products/:id/:id'] }], 'routes[0].paths.0 /products/:id/:id must not repeat a parameter'],
    ['two patterns for the same paths', [{ ...catalog, paths: ['/products/:id', '/products/:sku'] }], 'routes[0].paths.1 /products/:sku matches the same paths as paths.0 /products/:id'],
    ['a path without methods', [{ ...catalog, methods: undefined }], 'routes[0].paths.0 /products needs methods'],
    ['no methods', [{ ...catalog, methods: [] }], 'routes[0].methods must name at least one method'],
    ['a path with no methods', [{ ...catalog, paths: [{ path: '/products', methods: [] }] }], 'routes[0].paths.0.methods must name at least one method'],
    ['an unknown method', [{ ...catalog, methods: ['GET', 'TRACE'] }], 'routes[0].methods.1 must each be one of: GET, POST, PUT, PATCH, DELETE'],
    ['a repeated method', [{ ...catalog, methods: ['GET', 'GET'] }], 'routes[0].methods must not repeat a method'],
    ['a missing auth', [{ prefix: '/catalog', service: 'catalog', target: '/', paths: ['/products'], methods: ['GET'] }], 'routes[0].auth must be "required" or "public"'],
    ['scopes on a public route', [{ ...catalog, auth: 'public', scopes: ['catalog:read'] }], 'routes[0].scopes need auth: "required"'],
    ['credentials on a public route', [{ ...catalog, auth: 'public', credentials: 'user-id' }], 'routes[0].credentials need auth: "required"'],
    ['unknown credentials', [{ ...catalog, credentials: 'cookie' }], 'routes[0].credentials must be one of: none, user-id, access-token'],
    ['a scope with a space', [{ ...catalog, scopes: ['catalog read'] }], 'routes[0].scopes.0 must each be a scope token'],
    ['a negative body limit', [{ ...catalog, maxBodyBytes: -1 }], 'routes[0].maxBodyBytes'],
    ['a misspelt option', [{ ...catalog, metods: ['GET'] }], 'routes[0] Unrecognized key: "metods"'],
    ['the same prefix twice', [catalog, { ...catalog }], 'routes[0].prefix /catalog overlaps routes[1].prefix /catalog'],
    ['a prefix inside another', [catalog, { ...catalog, prefix: '/catalog/products' }], 'routes[1].prefix /catalog/products overlaps routes[0].prefix /catalog'],
    ['an empty table', [], 'route table itself must have at least one route'],
    ['a header in capitals', [{ ...catalog, headers: ['Accept'] }], 'routes[0].headers.0 Accept must be a header name in lower case'],
    ['a repeated header', [{ ...catalog, headers: ['accept', 'accept'] }], 'routes[0].headers must not repeat a header'],
  ])('refuses %s, in one line naming the entry', (_case, table, message) => {
    let error: unknown;
    try {
      parseRouteTable(table);
    } catch (thrown) {
      error = thrown;
    }
    // A ConfigError, so that the app's start-up prints its one line and exits 1.
    expect(error).toBeInstanceOf(RouteTableError);
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as Error).message;
    expect(text.startsWith('Invalid configuration: route table ')).toBe(true);
    expect(text).toContain(message);
    expect(text).not.toContain('\n');
  });

  it.each([
    ['authorization', 'is a credential'],
    ['cookie', 'is a credential'],
    ['proxy-authorization', 'is a credential'],
    ['x-csrf-token', 'is a credential'],
    ['x-fault-status', 'is internal'],
    ['x-fault-delay-ms', 'is internal'],
    ['x-http-method-override', 'overrides the method'],
    ['x-http-method', 'overrides the method'],
    ['x-method-override', 'overrides the method'],
    ['x-original-url', 'overrides the path'],
    ['x-rewrite-url', 'overrides the path'],
    ['x-user-id', 'is internal'],
    ['x-forwarded-host', 'is internal'],
    ['forwarded', 'says what a proxy saw'],
    ['x-real-ip', 'says what a proxy saw'],
    ['x-request-id', 'is set by the gateway'],
    ['traceparent', 'is set by the gateway'],
    ['connection', 'is hop-by-hop'],
    ['transfer-encoding', 'is hop-by-hop'],
    ['host', 'is hop-by-hop'],
    ['content-length', "is the body's framing"],
  ])('refuses to forward the header %s, in one line: %s', (name, why) => {
    expect(() => parseRouteTable([{ ...catalog, headers: ['accept', name] }])).toThrow(`Invalid configuration: route table routes[0].headers.1 ${name} ${why}`);
  });
});
