import { AntiForgeryTokens } from './anti-forgery.tokens';

describe('AntiForgeryTokens', () => {
  const tokens = new AntiForgeryTokens();

  it('accepts the token it issued for an interaction, and only for that interaction', () => {
    const token = tokens.issue('uid-1');
    expect(tokens.matches('uid-1', token)).toBe(true);
    expect(tokens.matches('uid-2', token)).toBe(false);
  });

  it('refuses an empty, altered or foreign token', () => {
    const token = tokens.issue('uid-1');
    expect(tokens.matches('uid-1', '')).toBe(false);
    expect(tokens.matches('uid-1', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(tokens.matches('uid-1', new AntiForgeryTokens().issue('uid-1'))).toBe(false);
  });
});
