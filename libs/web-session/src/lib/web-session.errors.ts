import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';

/**
 * Why a sign-in did not end in a session: the reason the browser is sent back to the web app with
 * (`?signInError=<reason>`), and nothing more (no provider message, no stack).
 */
export type SignInFailureReason =
  /** The user cancelled, or the provider refused them (`error=access_denied`). */
  | 'access_denied'
  /** The provider answered the authorization request with another error. */
  | 'provider_error'
  /** The callback's `state` is not the one this browser's sign-in started with. */
  | 'state_mismatch'
  /** No sign-in under way in this browser (no login-state cookie, or it expired after 10 minutes). */
  | 'login_expired'
  /** This callback was already used. */
  | 'replayed'
  /** The provider refused the code (used before, expired, or a PKCE verifier that does not match). */
  | 'code_rejected'
  /** The ID token's `nonce` is not this sign-in's. */
  | 'nonce_mismatch'
  /** The provider's answer failed a check (ID token signature, issuer, audience, times; an access token the gateway refuses). */
  | 'invalid_response'
  /** The provider could not be reached, or failed. */
  | 'provider_unavailable'
  /** The session store could not be reached. */
  | 'session_unavailable';

/** A sign-in callback that starts no session; the controller turns it into a redirect to the web app. */
export class SignInFailedError extends Error {
  constructor(
    readonly reason: SignInFailureReason,
    /** For the log only: what exactly failed. */
    readonly detail?: string,
    /** Where the sign-in was to lead, when that was known: the failure lands there, with its reason. */
    readonly returnTo?: string,
  ) {
    super(`sign-in failed: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'SignInFailedError';
  }
}

/** The provider refused a grant with an OAuth error (`invalid_grant`: the refresh token is spent, revoked or expired). */
export class GrantRefusedError extends Error {
  constructor(readonly error: string) {
    super(`the identity provider refused the grant: ${error}`);
    this.name = 'GrantRefusedError';
  }
}

/** The provider's answer failed one of openid-client's checks (signature, issuer, audience, nonce, times). */
export class InvalidProviderResponseError extends Error {
  constructor(
    readonly code: string | undefined,
    /** The claim that did not compare, when that was the problem (`nonce`, `iss`, `aud`...). */
    readonly claim: string | undefined,
    message: string,
  ) {
    super(`the identity provider's answer failed a check: ${message}`);
    this.name = 'InvalidProviderResponseError';
  }
}

/**
 * The session store (Redis) did not answer, so a session can be neither checked for revocation nor
 * started: 503, never a 401 that would send the user to sign in again.
 */
export class SessionStoreUnavailableError extends ServiceUnavailableException {
  constructor(readonly detail: string) {
    super('Sessions are unavailable for now; try again shortly');
    this.name = 'SessionStoreUnavailableError';
  }
}

/** A back-channel logout whose logout token fails a check: 400, as OpenID Connect Back-Channel Logout 1.0 (2.8) says. */
export class LogoutTokenRejectedError extends BadRequestException {
  constructor(readonly detail: string) {
    super('The logout token is not valid');
    this.name = 'LogoutTokenRejectedError';
  }
}
