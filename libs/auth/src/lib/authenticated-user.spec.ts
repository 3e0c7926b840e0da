import { userFromClaims } from './authenticated-user';

describe('userFromClaims', () => {
  it('takes the caller from sub, with roles and space-separated scopes', () => {
    expect(userFromClaims({ sub: 'u42', roles: ['customer'], scope: 'profile:read orders:read', iss: 'x' })).toEqual({
      sub: 'u42',
      roles: ['customer'],
      scopes: ['profile:read', 'orders:read'],
    });
  });

  it('rejects a token that says nobody', () => {
    expect(userFromClaims({ iss: 'x', aud: 'web' })).toBeUndefined();
    expect(userFromClaims({ sub: '' })).toBeUndefined();
    expect(userFromClaims({ sub: 42 })).toBeUndefined();
  });
});
