import { CookieJar } from './cookie.jar';

const withCookies = (...lines: string[]) => {
  const headers = new Headers();
  for (const line of lines) headers.append('set-cookie', line);
  return headers;
};

describe('CookieJar', () => {
  it('sends a cookie back only under its Path, as a browser does', () => {
    const jar = new CookieJar();
    jar.store(withCookies('_interaction=abc; path=/interaction/abc; httponly; samesite=lax', '_session=s1; path=/; httponly'));

    expect(jar.headerFor(new URL('http://idp.test/interaction/abc'))).toBe('_interaction=abc; _session=s1');
    expect(jar.headerFor(new URL('http://idp.test/interaction/abc/login'))).toBe('_interaction=abc; _session=s1');
    expect(jar.headerFor(new URL('http://idp.test/interaction/abcd'))).toBe('_session=s1');
    expect(jar.headerFor(new URL('http://idp.test/oauth/authorize'))).toBe('_session=s1');
  });

  it('replaces a cookie set again, and drops one the server expires', () => {
    const jar = new CookieJar();
    jar.store(withCookies('_session=old; path=/', '_session.sig=x; path=/'));
    jar.store(withCookies('_session=new; path=/'));
    expect(jar.headerFor(new URL('http://idp.test/'))).toBe('_session=new; _session.sig=x');

    jar.store(withCookies('_session=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT', '_session.sig=; path=/; max-age=0'));
    expect(jar.headerFor(new URL('http://idp.test/'))).toBeUndefined();
    expect(jar.names()).toEqual([]);
  });
});
