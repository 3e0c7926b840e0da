import { returnToOf, signInErrorOf } from './sign-in.return';

describe('returnToOf', () => {
  it('brings the visitor back to the screen they were on', () => {
    expect(returnToOf({ origin: 'http://127.0.0.1:4200', pathname: '/', hash: '#/orders/o42-1' })).toBe('http://127.0.0.1:4200/#/orders/o42-1');
  });

  it('brings them to the landing screen rather than back to the sign-in screen, and drops a previous sign-in error', () => {
    expect(returnToOf({ origin: 'http://127.0.0.1:4200', pathname: '/', hash: '#/sign-in' })).toBe('http://127.0.0.1:4200/#/home');
    expect(returnToOf({ origin: 'https://shop.example.com', pathname: '/app/', hash: '' })).toBe('https://shop.example.com/app/#/home');
  });
});

describe('signInErrorOf', () => {
  it('says in words why the sign-in did not work', () => {
    expect(signInErrorOf('?signInError=access_denied')).toBe('Sign-in was cancelled.');
    expect(signInErrorOf('?signInError=provider_unavailable')).toBe('The sign-in service cannot be reached right now. Please try again in a moment.');
    expect(signInErrorOf('?signInError=state_mismatch')).toBe('Signing in did not work. Please try again.');
  });

  it('never shows what the query string says itself', () => {
    expect(signInErrorOf('?signInError=Your+account+is+locked,+call+0800')).toBe('Signing in did not work. Please try again.');
    expect(signInErrorOf('?other=1')).toBeUndefined();
  });
});
