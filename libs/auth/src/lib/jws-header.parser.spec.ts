import { AuthenticationError } from './authentication.error';
import { jwsHeaderOf } from './jws-header.parser';

const part = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const token = (header: unknown) => `${part(header)}.${part({ sub: 'u42' })}.c2ln`;

describe('jwsHeaderOf', () => {
  it('reads alg and kid from a header of the mode', () => {
    expect(jwsHeaderOf(token({ alg: 'RS256', kid: 'k-1', typ: 'JWT' }), ['RS256', 'ES256'], true)).toEqual({ alg: 'RS256', kid: 'k-1' });
    expect(jwsHeaderOf(token({ alg: 'HS256' }), ['HS256'], false)).toEqual({ alg: 'HS256' });
  });

  it.each([
    ['an unknown crit extension', { alg: 'RS256', kid: 'k-1', crit: ['exp-foo'], 'exp-foo': 1 }],
    ['an empty crit', { alg: 'RS256', kid: 'k-1', crit: [] }],
    ['b64 marked critical', { alg: 'RS256', kid: 'k-1', crit: ['b64'], b64: false }],
    ['alg none', { alg: 'none', kid: 'k-1' }],
    ['an alg of the other mode', { alg: 'HS256', kid: 'k-1' }],
    ['no alg', { kid: 'k-1' }],
    ['no kid where keys come from a JWKS', { alg: 'RS256' }],
    ['a kid that is no string', { alg: 'RS256', kid: { $ne: '' } }],
    ['an empty kid', { alg: 'RS256', kid: '' }],
    ['a kid of 257 characters', { alg: 'RS256', kid: 'k'.repeat(257) }],
    ['a kid with control characters', { alg: 'RS256', kid: 'k\n1' }],
    ['an array', [{ alg: 'RS256', kid: 'k-1' }]],
    ['null', null],
    ['not JSON', 'not json'],
  ])('refuses a header with %s, as invalid_token', (_case, header) => {
    expect(() => jwsHeaderOf(token(header), ['RS256', 'ES256'], true)).toThrow(new AuthenticationError('invalid_token'));
  });

  it('refuses a token whose first part is no base64url', () => {
    expect(() => jwsHeaderOf('e30=.e30.c2ln', ['RS256'], false)).toThrow(AuthenticationError);
    expect(() => jwsHeaderOf('.e30.c2ln', ['RS256'], false)).toThrow(AuthenticationError);
  });
});
