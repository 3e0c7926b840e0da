import { LANDING_HASH, SIGN_IN_HASH } from '../app.routes';

/** What the app tells a visitor whose sign-in did not end in a session, by web-bff's `signInError` reason. */
const SIGN_IN_ERRORS: Record<string, string> = {
  access_denied: 'Sign-in was cancelled.',
  login_expired: 'That sign-in took too long, or was started in another tab. Please sign in again.',
  provider_unavailable: 'The sign-in service cannot be reached right now. Please try again in a moment.',
  session_unavailable: 'Signing in is not possible right now. Please try again in a moment.',
};
const SIGN_IN_FAILED = 'Signing in did not work. Please try again.';

/**
 * Where the provider should bring the visitor back to after signing in: the screen they were on or
 * headed for (the landing screen instead of the sign-in screen), without a previous `signInError`.
 */
export function returnToOf(page: { origin: string; pathname: string; hash: string }): string {
  const hash = page.hash === SIGN_IN_HASH || page.hash === '' ? LANDING_HASH : page.hash;
  return `${page.origin}${page.pathname}${hash}`;
}

/**
 * The message for the `signInError` web-bff sent the visitor back with (`?signInError=<reason>`), or
 * undefined when there is none. Reasons it does not know get the general message: the query string is
 * anyone's to write, so its text is never shown as it is.
 */
export function signInErrorOf(search: string): string | undefined {
  const reason = new URLSearchParams(search).get('signInError');
  if (reason === null) return undefined;
  return SIGN_IN_ERRORS[reason] ?? SIGN_IN_FAILED;
}
