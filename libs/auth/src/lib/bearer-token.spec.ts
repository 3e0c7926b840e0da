import { bearerToken, MAX_TOKEN_BYTES } from './bearer-token';

describe('bearerToken', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1NDIifQ.c2lnbmF0dXJl';

  it('reads a compact JWS after the Bearer scheme, whatever its case (RFC 7235)', () => {
    expect(bearerToken(`Bearer ${jwt}`)).toBe(jwt);
    expect(bearerToken(`bearer ${jwt}`)).toBe(jwt);
  });

  it.each([
    ['another scheme', `Basic ${jwt}`],
    ['no token', 'Bearer '],
    ['not a JWS', 'Bearer not-a-jwt'],
    ['two tokens', `Bearer ${jwt} ${jwt}`],
    ['a token over 8 KiB', `Bearer ${jwt}${'A'.repeat(MAX_TOKEN_BYTES)}`],
  ])('refuses %s', (_case, header) => {
    expect(bearerToken(header)).toBeNull();
  });
});
