/**
 * The request is not authenticated. `reason` is all a client learns: RFC 6750's
 * `invalid_token` when a token came and failed, nothing more when none came,
 * so that the answer is no oracle for how a forged token failed.
 */
export class AuthenticationError extends Error {
  constructor(readonly reason: 'missing_token' | 'invalid_token') {
    super(reason === 'missing_token' ? 'Authentication required' : 'Invalid or expired token');
    this.name = 'AuthenticationError';
  }
}
