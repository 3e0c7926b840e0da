import { ReturnToPolicy } from './return-to.policy';

describe('ReturnToPolicy', () => {
  const policy = new ReturnToPolicy(['http://localhost:4200', 'https://shop.example.com:443']);

  it('sends the browser back to where it was in the web app, fragment and query included', () => {
    expect(policy.resolve('http://localhost:4200/#/orders/o42-1')).toBe('http://localhost:4200/#/orders/o42-1');
    expect(policy.resolve('https://shop.example.com/profile?tab=orders')).toBe('https://shop.example.com/profile?tab=orders');
  });

  it.each([
    ['another site', 'https://evil.example.com/'],
    ['another port of the app’s host', 'http://localhost:4201/'],
    ['the app’s host over another scheme', 'https://localhost:4200/'],
    ['a look-alike host', 'http://localhost:4200.evil.example.com/'],
    ['credentials before the host', 'http://localhost:4200@evil.example.com/'],
    ['a backslash trick', 'http://evil.example.com\\@localhost:4200/'],
    ['a protocol-relative URL', '//evil.example.com/'],
    ['a path', '/#/profile'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['nothing', undefined],
    ['an array (returnTo given twice)', ['http://localhost:4200/', 'https://evil.example.com/']],
    ['a very long URL', `http://localhost:4200/#/${'x'.repeat(3000)}`],
  ])('falls back to the app’s root for %s', (_case, candidate) => {
    expect(policy.resolve(candidate)).toBe('http://localhost:4200/');
  });

  it('lands a failed sign-in on returnTo (or the root) with its reason, keeping the screen the user was headed for', () => {
    expect(policy.withSignInError('http://localhost:4200/#/profile', 'access_denied')).toBe('http://localhost:4200/?signInError=access_denied#/profile');
    expect(policy.withSignInError(undefined, 'login_expired')).toBe('http://localhost:4200/?signInError=login_expired');
  });

  it('knows the app’s origins exactly, for the post-logout redirect', () => {
    expect(policy.allows('https://shop.example.com')).toBe(true);
    expect(policy.allows('https://shop.example.com.evil.example.com')).toBe(false);
    expect(policy.allows(undefined)).toBe(false);
  });

  it('without app origins, sends the browser to web-bff’s own root', () => {
    expect(new ReturnToPolicy([]).resolve('https://evil.example.com/')).toBe('/');
  });
});
