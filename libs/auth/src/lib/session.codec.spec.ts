import { SessionCodec } from './session.codec';

const codec = (secret = 'a-session-secret-of-at-least-32-chars') =>
  new SessionCodec({ secret: 'jwt-secret-of-at-least-32-characters', issuer: 'i', audience: 'web', sessions: { secret } });

describe('SessionCodec', () => {
  const inAnHour = Math.floor(Date.now() / 1000) + 3600;

  it('opens what it sealed, and the cookie does not show the token', () => {
    const session = codec().create('header.payload.signature', inAnHour);
    const sealed = codec().seal(session);

    expect(sealed).not.toContain('payload');
    expect(codec().open(sealed)).toEqual(session);
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a cookie that was altered, sealed with another secret, or has expired', () => {
    const sealed = codec().seal(codec().create('header.payload.signature', inAnHour));
    const altered = `${sealed.slice(0, 40)}${sealed[40] === 'A' ? 'B' : 'A'}${sealed.slice(41)}`;

    expect(codec().open(altered)).toBeUndefined();
    expect(codec('another-session-secret-of-32-chars!!').open(sealed)).toBeUndefined();
    expect(codec().open(sealed, (inAnHour + 1) * 1000)).toBeUndefined();
    expect(codec().open('garbage')).toBeUndefined();
  });

  it('matches only the session’s own CSRF token', () => {
    const session = codec().create('t.o.k', inAnHour);
    expect(codec().csrfMatches(session, session.csrfToken)).toBe(true);
    expect(codec().csrfMatches(session, `${session.csrfToken}x`)).toBe(false);
    expect(codec().csrfMatches(session, undefined)).toBe(false);
  });
});
