import { userFromClaims } from './authenticated-user';

describe('userFromClaims', () => {
  it('takes the caller from sub, with email, roles, space-separated scopes and expiry', () => {
    expect(
      userFromClaims({ sub: 'u42', exp: 1_900_000_000, email: 'a@example.com', roles: ['customer'], scope: 'profile:read orders:read', iss: 'x' }),
    ).toEqual({ sub: 'u42', email: 'a@example.com', roles: ['customer'], scopes: ['profile:read', 'orders:read'], expiresAt: 1_900_000_000 });
  });

  it('rejects a token that says nobody, or never expires', () => {
    expect(userFromClaims({ iss: 'x', aud: 'web', exp: 1_900_000_000 })).toBeUndefined();
    expect(userFromClaims({ sub: '', exp: 1_900_000_000 })).toBeUndefined();
    expect(userFromClaims({ sub: 42, exp: 1_900_000_000 })).toBeUndefined();
    expect(userFromClaims({ sub: 'u42' })).toBeUndefined();
  });
});
