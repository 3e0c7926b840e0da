import type { AuthRequest } from './auth.request';
import { SessionCodec } from './session.codec';
import { recordSessionResolution } from './session.resolution';
import { offeredCredentials, tokenExtractor } from './token.extractor';

const codec = new SessionCodec({ secret: 'jwt-secret-of-at-least-32-characters', issuer: 'i', audience: 'web', sessions: { secret: 'x'.repeat(32) } });
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1NDIifQ.c2lnbmF0dXJl';
const session = { accessToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1NDIifQ.c2ln', csrfToken: 'csrf', expiresAt: 2_000_000_000 };
const request = (headers: AuthRequest['headers'] = {}, cookies: AuthRequest['cookies'] = {}): AuthRequest => ({ method: 'GET', headers, cookies });

describe('tokenExtractor', () => {
  const extract = tokenExtractor(codec);

  it('takes the session web-bff resolved for the request, and records it for the CSRF check', () => {
    const withCookie = request({}, { '__Host-bff_session': 'id' });
    recordSessionResolution(withCookie, { session });

    expect(extract(withCookie)).toBe(session.accessToken);
    expect(withCookie.auth).toEqual({ token: session.accessToken, session });
  });

  it('judges a request with an Authorization header by the header alone', () => {
    const both = request({ authorization: `Bearer ${jwt}` }, { '__Host-bff_session': 'id' });
    recordSessionResolution(both, { session });

    expect(extract(both)).toBe(jwt);
    expect(both.auth).toEqual({ token: jwt });
  });

  it('finds nothing for a cookie that resolved to no session, nor without sessions turned on', () => {
    const ended = request({}, { '__Host-bff_session': 'id' });
    recordSessionResolution(ended, { session: undefined });
    const resolved = request({}, { '__Host-bff_session': 'id' });
    recordSessionResolution(resolved, { session });

    expect(extract(ended)).toBeNull();
    expect(tokenExtractor(undefined)(resolved)).toBeNull();
    expect(offeredCredentials(ended, true)).toBe(true);
    expect(offeredCredentials(ended, false)).toBe(false);
  });

  it('raises the failure of a session that could not be looked up, rather than calling it missing', () => {
    const failed = request({}, { '__Host-bff_session': 'id' });
    const failure = new Error('session store unavailable');
    recordSessionResolution(failed, { session: undefined, failure });

    expect(() => extract(failed)).toThrow(failure);
  });
});
