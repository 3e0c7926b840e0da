import { resolveForwardPath } from './forward-path.resolver';
import { PathOutsidePrefixError } from './pass-through.errors';

describe('resolveForwardPath', () => {
  const resolve = (url: string, target = '/') => resolveForwardPath(url, '/api/catalog', target);

  it.each([
    ['/api/catalog/products/p1', '/', '/products/p1'],
    ['/api/catalog/products?ids=p1,p2', '/', '/products?ids=p1,p2'],
    ['/api/catalog/products/p1', '/v2', '/v2/products/p1'],
    ['/api/catalog/products/', '/', '/products/'],
    ['/api/catalog/', '/v2', '/v2/'],
    // Encoding is passed on as the client wrote it, not decoded and re-encoded.
    ['/api/catalog/products/caf%C3%A9%20noir', '/', '/products/caf%C3%A9%20noir'],
    ['/api/catalog/products/p1?next=../../x', '/', '/products/p1?next=../../x'],
    // The router matched the prefix through its encoding.
    ['/api/cat%61log/products', '/', '/products'],
    ['/api/catalog/v1.2/file.json', '/', '/v1.2/file.json'],
  ])('%s with target %s goes to %s', (url, target, expected) => {
    expect(resolve(url, target)).toBe(expected);
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
    '/api/catalog/..%3Bx/users/u1',
    '/api/catalog/..%2fusers%2fu1',
    '/api/catalog/products%2F..%2F..%2Fusers',
    '/api/catalog/%252e%252e/users/u1',
    '/api/catalog/%252f',
    '/api/catalog/..\\users\\u1',
    '/api/catalog/products\\..\\..\\users',
    '/api/catalog/%5c..%5cusers',
    '/api/catalog//users/u1',
    '/api/catalog/products//p1',
    '/api/catalog/products%00',
    '/api/catalog/%E0%A4%A',
    '/api/catalogue/products',
    '/api/catalog',
  ])('refuses %s', (url) => {
    expect(() => resolve(url)).toThrow(PathOutsidePrefixError);
  });
});
