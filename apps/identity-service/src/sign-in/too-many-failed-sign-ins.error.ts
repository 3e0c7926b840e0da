/** An email has failed to sign in too often, from this address or from everywhere; it may try again later. */
export class TooManyFailedSignInsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`);
    this.name = 'TooManyFailedSignInsError';
  }
}
