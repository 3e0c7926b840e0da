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

/** The caller is known but may not do this: a role or scope is missing, or a cookie-authenticated change lacks its CSRF token. */
export class AuthorizationError extends Error {
  constructor(readonly reason: 'insufficient_role' | 'insufficient_scope' | 'csrf') {
    super(
      reason === 'csrf'
        ? 'Missing or invalid CSRF token'
        : reason === 'insufficient_scope'
          ? 'The token lacks a scope this request needs'
          : 'The caller lacks a role this request needs',
    );
    this.name = 'AuthorizationError';
  }
}
