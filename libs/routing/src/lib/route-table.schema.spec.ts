import { ConfigError } from '@bff/config';
import { defineRoutes, parseRouteTable, type RouteDefinition, RouteTableError } from './route-table.schema';

const catalog: RouteDefinition = { prefix: '/catalog', service: 'catalog', target: '/', methods: ['GET'], auth: 'required' };

describe('parseRouteTable', () => {
  it('fills the defaults and works out the Allow header', () => {
    const table = defineRoutes([catalog, { prefix: '/orders-raw', service: 'order', target: '/orders', methods: ['POST', 'GET'], auth: 'required', scopes: ['orders:write'], maxBodyBytes: 10 }]);
    expect(parseRouteTable(table)).toEqual([
      { ...catalog, scopes: [], maxBodyBytes: 1024 * 1024, allow: 'GET, HEAD' },
      { prefix: '/orders-raw', service: 'order', target: '/orders', methods: ['POST', 'GET'], auth: 'required', scopes: ['orders:write'], maxBodyBytes: 10, allow: 'POST, GET, HEAD' },
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
    ['no methods', [{ ...catalog, methods: [] }], 'routes[0].methods must name at least one method'],
    ['an unknown method', [{ ...catalog, methods: ['GET', 'TRACE'] }], 'routes[0].methods.1 must each be one of: GET, POST, PUT, PATCH, DELETE'],
    ['a repeated method', [{ ...catalog, methods: ['GET', 'GET'] }], 'routes[0].methods must not repeat a method'],
    ['a missing auth', [{ prefix: '/catalog', service: 'catalog', target: '/', methods: ['GET'] }], 'routes[0].auth must be "required" or "public"'],
    ['scopes on a public route', [{ ...catalog, auth: 'public', scopes: ['catalog:read'] }], 'routes[0].scopes need auth: "required"'],
    ['a scope with a space', [{ ...catalog, scopes: ['catalog read'] }], 'routes[0].scopes.0 must each be a scope token'],
    ['a negative body limit', [{ ...catalog, maxBodyBytes: -1 }], 'routes[0].maxBodyBytes'],
    ['a misspelt option', [{ ...catalog, metods: ['GET'] }], 'routes[0] Unrecognized key: "metods"'],
    ['the same prefix twice', [catalog, { ...catalog }], 'routes[0].prefix /catalog overlaps routes[1].prefix /catalog'],
    ['a prefix inside another', [catalog, { ...catalog, prefix: '/catalog/products' }], 'routes[1].prefix /catalog/products overlaps routes[0].prefix /catalog'],
    ['an empty table', [], 'route table itself must have at least one route'],
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
});
