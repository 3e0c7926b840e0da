import { resolveRoutedPath } from './forward-path.resolver';
import { AmbiguousPathError, RouteNotFoundError } from './pass-through.errors';
import { compilePattern } from './route-path.pattern';

describe('resolveRoutedPath', () => {
  const catalog = [compilePattern('/products', ['GET']), compilePattern('/products/:id', ['GET'])];
  const resolve = (url: string, target = '/') => resolveRoutedPath(url, '/api/catalog', target, catalog, 'GET');

  it.each([
    ['/api/catalog/products/p1', '/', '/products/p1'],
    ['/api/catalog/products?ids=p1,p2', '/', '/products?ids=p1,p2'],
    ['/api/catalog/products/p1', '/v2', '/v2/products/p1'],
    // A parameter goes on in one canonical encoding, from its decoded value.
    ['/api/catalog/products/caf%C3%A9%20noir', '/', '/products/caf%C3%A9%20noir'],
    ['/api/catalog/products/caf%c3%a9 noir', '/', '/products/caf%C3%A9%20noir'],
    ['/api/catalog/products/a,b', '/', '/products/a%2Cb'],
    // Literal segments are matched decoded and sent as the table writes them.
    ['/api/catalog/pro%64ucts/p1', '/', '/products/p1'],
    // The query goes on as written.
    ['/api/catalog/products/p1?next=../../x', '/', '/products/p1?next=../../x'],
    // Fastify matched the prefix through its encoding.
    ['/api/cat%61log/products', '/', '/products'],
    ['/api/catalog/products/v1.2', '/', '/products/v1.2'],
  ])('%s with target %s goes to %s', (url, target, expected) => {
    expect(resolve(url, target).path).toBe(expected);
  });

  it('tells the methods of the path, and uses the most specific pattern that takes the method', () => {
    const catalogWith = [compilePattern('/products/:id', ['GET']), compilePattern('/products/featured', ['POST'])];
    const at = (method: string, url: string) => resolveRoutedPath(url, '/api/catalog', '/', catalogWith, method);
    expect(at('GET', '/api/catalog/products/p1')).toEqual({ path: '/products/p1', allow: 'GET, HEAD' });
    expect(at('POST', '/api/catalog/products/p1')).toEqual({ path: undefined, allow: 'GET, HEAD' });
    // The literal first; a GET of it is still a product id.
    expect(at('POST', '/api/catalog/products/featured')).toEqual({ path: '/products/featured', allow: 'POST, GET, HEAD' });
    expect(at('GET', '/api/catalog/products/featured')).toEqual({ path: '/products/featured', allow: 'POST, GET, HEAD' });
    expect(at('DELETE', '/api/catalog/products/featured')).toEqual({ path: undefined, allow: 'POST, GET, HEAD' });
    expect(at('HEAD', '/api/catalog/products/p1').path).toBe('/products/p1');
  });

  it.each([
    '/api/catalog/..',
    '/api/catalog/../users/u1',
    '/api/catalog/products/../../users/u1',
    '/api/catalog/./products',
    '/api/catalog/%2e%2e/users/u1',
    '/api/catalog/%2E%2e/users/u1',
    '/api/catalog/.%2e/users/u1',
    '/api/catalog/%2e./users/u1',
    '/api/catalog/%2e/products',
    '/api/catalog/..;/users/u1',
    '/api/catalog/products;jsessionid=x',
    '/api/catalog/products/p1;x=1',
    '/api/catalog/..%3Bx/users/u1',
    '/api/catalog/..%2fusers%2fu1',
    '/api/catalog/products%2F..%2F..%2Fusers',
    '/api/catalog/products/..%2f_admin/last-request',
    '/api/catalog/%252e%252e/users/u1',
    '/api/catalog/%255fadmin/last-request',
    '/api/catalog/products/%255fadmin',
    '/api/catalog/%252f',
    '/api/catalog/..\\users\\u1',
    '/api/catalog/products\\..\\..\\users',
    '/api/catalog/%5c..%5cusers',
    '/api/catalog/products/%5c_admin',
    '/api/catalog//users/u1',
    '/api/catalog/products//p1',
    '//api/catalog/products',
    '/api/catalog/products%00',
    '/api/catalog/products/p1%0d%0ax-evil:1',
    '/api/catalog/%E0%A4%A',
    '/api/catalogue/products',
    'http://evil.example.com/api/catalog/products',
  ])('refuses %s as ambiguous (400)', (url) => {
    expect(() => resolve(url)).toThrow(AmbiguousPathError);
  });

  it.each([
    // A service's internals, in every encoding that decodes once to them.
    '/api/catalog/_admin/last-request',
    '/api/catalog/%5fadmin/last-request',
    '/api/catalog/%5Fadmin/last-request',
    '/api/catalog/_ADMIN/last-request',
    '/api/catalog/products/_admin',
    '/api/catalog/products/%5Fadmin',
    '/api/catalog/health',
    '/api/catalog/health/ready',
    '/api/catalog/HEALTH',
    // Paths the route does not name.
    '/api/catalog/',
    '/api/catalog/products/',
    '/api/catalog/products/p1/',
    '/api/catalog/Products',
    '/api/catalog/PRODUCTS/p1',
    '/api/catalog/products/p1/reviews',
    '/api/catalog/orders',
  ])('answers %s with 404', (url) => {
    expect(() => resolve(url)).toThrow(RouteNotFoundError);
  });

  it('refuses a parameter that would make the service path internal, whatever the target', () => {
    const anything = [compilePattern('/items/:id', ['GET'])];
    expect(() => resolveRoutedPath('/api/x/items/_admin', '/api/x', '/v2', anything, 'GET')).toThrow(RouteNotFoundError);
    expect(resolveRoutedPath('/api/x/items/health', '/api/x', '/v2', anything, 'GET').path).toBe('/v2/items/health');
  });
});
