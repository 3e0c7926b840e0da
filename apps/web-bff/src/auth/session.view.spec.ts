import { isoTime, toSessionView } from './session.view';

describe('toSessionView', () => {
  const user = { sub: 'u42', roles: ['customer'], scopes: [], expiresAt: 1_900_000_000 };

  it('tells a cookie session’s end (not its access token’s) and CSRF token; a bearer caller’s token expiry and no CSRF token', () => {
    const session = { accessToken: 'a.b.c', csrfToken: 'csrf', expiresAt: 1_900_086_400, email: 'linus@example.com' };
    expect(toSessionView(user, session)).toEqual({
      user: { id: 'u42', email: 'linus@example.com', roles: ['customer'] },
      expiresAt: '2030-03-18T17:46:40.000Z',
      csrfToken: 'csrf',
    });
    expect(toSessionView(user, undefined)).toEqual({ user: { id: 'u42', email: null, roles: ['customer'] }, expiresAt: '2030-03-17T17:46:40.000Z', csrfToken: null });
  });

  it('answers a token that claims to expire in the year 3e12 (exp: 1e20) with the last date there is, rather than a RangeError', () => {
    expect(() => toSessionView({ ...user, expiresAt: 1e20 }, undefined)).not.toThrow();
    expect(isoTime(1e20)).toBe('+275760-09-13T00:00:00.000Z');
    expect(isoTime(Number.POSITIVE_INFINITY)).toBe('+275760-09-13T00:00:00.000Z');
    expect(isoTime(-1e20)).toBe('-271821-04-20T00:00:00.000Z');
  });
});
