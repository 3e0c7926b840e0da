import { DEVELOPMENT_USER_PASSWORD } from '@bff/config';
import { AccountStore } from './account.store';

describe('AccountStore.authenticate', () => {
  const accounts = new AccountStore();
  const u42Email = 'linus.perlman.42@example.com';

  it('signs a seed user in with the development password, as a customer', () => {
    expect(accounts.authenticate(u42Email, DEVELOPMENT_USER_PASSWORD)).toEqual({ id: 'u42', email: u42Email, name: 'Linus Perlman', roles: ['customer'] });
  });

  it('makes u1 an admin as well, and nobody else', () => {
    const u1 = accounts.authenticate('alan.engelbart.1@example.com', DEVELOPMENT_USER_PASSWORD);
    expect(u1).toEqual({ id: 'u1', email: 'alan.engelbart.1@example.com', name: 'Alan Engelbart', roles: ['customer', 'admin'] });
    expect(accounts.authenticate('ken.matsumoto.2@example.com', DEVELOPMENT_USER_PASSWORD)?.roles).toEqual(['customer']);
  });

  it('ignores the case of the email, as mail servers do, and spaces around it', () => {
    expect(accounts.authenticate('Linus.Perlman.42@Example.COM', DEVELOPMENT_USER_PASSWORD)?.id).toBe('u42');
    expect(accounts.authenticate(`  ${u42Email}\t`, DEVELOPMENT_USER_PASSWORD)?.id).toBe('u42');
  });

  it('finds an account by its id (a token\u2019s sub), and no other', () => {
    expect(accounts.byId('u42')?.email).toBe(u42Email);
    expect(accounts.byId('u1001')).toBeUndefined();
  });

  it.each([
    ['an empty password', ''],
    ['the password in capitals', DEVELOPMENT_USER_PASSWORD.toUpperCase()],
    ['a prefix of the password', DEVELOPMENT_USER_PASSWORD.slice(0, -1)],
    ['the password with a trailing space', `${DEVELOPMENT_USER_PASSWORD} `],
    ['the password with more after it', `${DEVELOPMENT_USER_PASSWORD}\u0000x`],
  ])('refuses %s', (_case, password) => {
    expect(accounts.authenticate(u42Email, password)).toBeUndefined();
  });

  it('refuses an email that is not a seed user’s, even with the right password', () => {
    expect(accounts.authenticate('nobody@example.com', DEVELOPMENT_USER_PASSWORD)).toBeUndefined();
    expect(accounts.authenticate('linus.perlman.43@example.com', DEVELOPMENT_USER_PASSWORD)).toBeUndefined();
  });
});
