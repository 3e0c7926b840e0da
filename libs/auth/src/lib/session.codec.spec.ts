import { SessionCodec } from './session.codec';

const codec = (secret = 'a-session-secret-of-at-least-32-chars') =>
  new SessionCodec({ secret: 'jwt-secret-of-at-least-32-characters', issuer: 'i', audience: 'web', sessions: { secret } });

describe('SessionCodec', () => {
  const inTenMinutes = Math.floor(Date.now() / 1000) + 600;
  const loginState = { state: 'the-state', nonce: 'the-nonce', codeVerifier: 'the-verifier' };

  it('opens what it sealed, and the sealed value shows nothing of it', () => {
    const sealed = codec().seal('login', loginState, inTenMinutes);

    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('the-');
    expect(codec().open('login', sealed)).toEqual(loginState);
  });

  it('refuses a value that was altered, sealed with another secret or for another purpose, or has expired', () => {
    const sealed = codec().seal('login', loginState, inTenMinutes);
    const altered = `${sealed.slice(0, 40)}${sealed[40] === 'A' ? 'B' : 'A'}${sealed.slice(41)}`;

    expect(codec().open('login', altered)).toBeUndefined();
    expect(codec('another-session-secret-of-32-chars!!').open('login', sealed)).toBeUndefined();
    expect(codec().open('session', sealed)).toBeUndefined();
    expect(codec().open('login', sealed, (inTenMinutes + 1) * 1000)).toBeUndefined();
    expect(codec().open('login', 'garbage')).toBeUndefined();
    expect(codec().open('login', '')).toBeUndefined();
  });

  it('matches only the session’s own CSRF token', () => {
    const session = { accessToken: 't.o.k', csrfToken: codec().createCsrfToken(), expiresAt: inTenMinutes };
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(codec().csrfMatches(session, session.csrfToken)).toBe(true);
    expect(codec().csrfMatches(session, `${session.csrfToken}x`)).toBe(false);
    expect(codec().csrfMatches(session, undefined)).toBe(false);
  });
});
