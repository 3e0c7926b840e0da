import { Inject, Injectable } from '@nestjs/common';
import { type Account, AccountStore, normaliseEmail } from '../accounts/account.store';
import { InvalidCredentialsError } from './invalid-credentials.error';
import { LoginFailureLimiter } from './login-failure.limiter';
import { TooManyFailedSignInsError } from './too-many-failed-sign-ins.error';

/**
 * Checks an email and password against the accounts, within the failure limits: the one way in for
 * the sign-in page and the development `/auth/token`, so that both count against the same limits.
 */
@Injectable()
export class PasswordSignIn {
  constructor(
    private readonly accounts: AccountStore,
    @Inject(LoginFailureLimiter) private readonly limiter: LoginFailureLimiter,
  ) {}

  /**
   * @param address the client's address, as the TCP peer shows it
   * @throws TooManyFailedSignInsError before the password is looked at, when a limit is reached
   * @throws InvalidCredentialsError for an unknown email or a wrong password alike
   */
  authenticate(email: string, password: string, address: string): Account {
    const normalised = normaliseEmail(email);
    const verdict = this.limiter.check(normalised, address);
    if (!verdict.allowed) throw new TooManyFailedSignInsError(verdict.retryAfterSeconds);
    const account = this.accounts.authenticate(normalised, password);
    if (!account) {
      this.limiter.recordFailure(normalised, address);
      throw new InvalidCredentialsError();
    }
    this.limiter.recordSuccess(normalised, address);
    return account;
  }
}
