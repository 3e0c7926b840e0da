import { ManualClock } from '../clock/manual.clock';
import { LOGIN_LIMITS, LoginFailureLimiter } from './login-failure.limiter';

const EMAIL = 'linus.perlman.42@example.com';
const MINUTE = 60_000;

function failTimes(limiter: LoginFailureLimiter, times: number, address: string, email = EMAIL): void {
  for (let i = 0; i < times; i += 1) limiter.recordFailure(email, address);
}

describe('LoginFailureLimiter', () => {
  let clock: ManualClock;
  let limiter: LoginFailureLimiter;
  beforeEach(() => {
    clock = new ManualClock();
    limiter = new LoginFailureLimiter(clock);
  });

  it('documents the numbers the README states: 5 per 15 minutes per account and address, 50 per hour per account', () => {
    expect(LOGIN_LIMITS).toEqual({
      perAccountAndAddress: { maxFailures: 5, windowMs: 15 * MINUTE },
      perAccount: { maxFailures: 50, windowMs: 60 * MINUTE },
    });
  });

  it('refuses an email at an address after its 5th failure there, until the 15 minutes of the first are over', () => {
    failTimes(limiter, 4, '10.0.0.1');
    expect(limiter.check(EMAIL, '10.0.0.1')).toEqual({ allowed: true });
    clock.advance(MINUTE);
    failTimes(limiter, 1, '10.0.0.1');
    expect(limiter.check(EMAIL, '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 14 * 60 });

    clock.advance(14 * MINUTE - 1);
    expect(limiter.check(EMAIL, '10.0.0.1').allowed).toBe(false);
    clock.advance(1);
    expect(limiter.check(EMAIL, '10.0.0.1')).toEqual({ allowed: true });
  });

  it('leaves the same email free at other addresses, and other emails free at that one', () => {
    failTimes(limiter, 5, '10.0.0.1');
    expect(limiter.check(EMAIL, '10.0.0.2')).toEqual({ allowed: true });
    expect(limiter.check('someone.else@example.com', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('counts an IPv4 client the same whether the socket shows it as IPv4 or IPv4-mapped IPv6', () => {
    failTimes(limiter, 3, '10.0.0.1');
    failTimes(limiter, 2, '::ffff:10.0.0.1');
    expect(limiter.check(EMAIL, '10.0.0.1').allowed).toBe(false);
  });

  it('refuses an email everywhere after 50 failures over all addresses, for the rest of the hour', () => {
    for (let host = 1; host <= 10; host += 1) failTimes(limiter, 5, `10.0.1.${host}`);
    expect(limiter.check(EMAIL, '192.0.2.9')).toEqual({ allowed: false, retryAfterSeconds: 3600 });
    clock.advance(60 * MINUTE);
    expect(limiter.check(EMAIL, '192.0.2.9')).toEqual({ allowed: true });
  });

  it('clears the count of an address on a success there', () => {
    failTimes(limiter, 4, '10.0.0.1');
    limiter.recordSuccess(EMAIL, '10.0.0.1');
    failTimes(limiter, 4, '10.0.0.1');
    expect(limiter.check(EMAIL, '10.0.0.1')).toEqual({ allowed: true });
  });

  it('keeps the account-wide count through a success, so that a guesser cannot reset it by signing in elsewhere', () => {
    for (let host = 1; host <= 10; host += 1) failTimes(limiter, host === 10 ? 4 : 5, `10.0.1.${host}`);
    limiter.recordSuccess(EMAIL, '10.0.1.10');
    failTimes(limiter, 1, '10.0.1.10');
    expect(limiter.check(EMAIL, '203.0.113.1').allowed).toBe(false);
  });

  it('forgets ended windows when many counters are held, so that made-up emails cannot grow it without end', () => {
    const small = new LoginFailureLimiter(clock, LOGIN_LIMITS, 100);
    for (let i = 0; i < 100; i += 1) small.recordFailure(`user${i}@example.com`, '10.0.0.1');
    clock.advance(61 * MINUTE);
    small.recordFailure('late@example.com', '10.0.0.1');
    expect(small.check('user0@example.com', '10.0.0.1')).toEqual({ allowed: true });
    expect(small.size()).toBe(2);
  });
});
