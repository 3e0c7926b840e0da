import { degradedMessage } from './degraded.notice';

describe('degradedMessage', () => {
  it('says in plain words which part of the screen is missing', () => {
    expect(degradedMessage('recommendations')).toBe('Recommendations are unavailable right now.');
    expect(degradedMessage('products')).toBe('Some product details may be out of date.');
  });

  it('still names a part it has no words for, rather than hiding it', () => {
    expect(degradedMessage('loyalty')).toBe('Part of this page (loyalty) is unavailable right now.');
  });
});
