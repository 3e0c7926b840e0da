import { DownstreamCircuitOpenError } from '@bff/service-clients';

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

/**
 * The gateway holds no key to verify tokens with: the JWKS has never been fetched, and fetching it
 * failed. Not the caller's fault, so not a 401 (which would tell an app to throw a good token away):
 * a circuit-open error of the identity service, so the one error filter answers it 503.
 */
export class VerificationKeysUnavailableError extends DownstreamCircuitOpenError {
  constructor() {
    super('identity');
    this.name = 'VerificationKeysUnavailableError';
  }
}
