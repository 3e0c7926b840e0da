import { HeadlessUserAgent, type UserAgentResponse } from './headless.user-agent';
import { parseSignInForm } from './sign-in.form';

export interface HeadlessSignInOptions {
  /** The full authorization request (the authorization endpoint with client_id, redirect_uri, PKCE challenge, state...). */
  authorizationUrl: URL;
  /** The client's redirect URI: where the sign-in ends, read and not followed. */
  redirectUri: string;
  email: string;
  password: string;
  /** A user agent to reuse (its cookies: an existing session at the provider). @default a new one */
  userAgent?: HeadlessUserAgent;
  /** At most this many redirects and pages. @default 10 */
  maxSteps?: number;
}

/** The sign-in did not end at the client's redirect URI (a page that answered with an error status...). */
export class HeadlessSignInError extends Error {
  constructor(
    message: string,
    readonly response: UserAgentResponse | undefined,
  ) {
    super(message);
    this.name = 'HeadlessSignInError';
  }
}

const endsAt = (url: URL, redirectUri: string) => {
  const target = new URL(redirectUri);
  // RFC 8252 §7.3: a loopback redirect URI may come back on any port.
  const sameTarget = url.protocol === target.protocol && url.hostname === target.hostname && url.pathname === target.pathname;
  return sameTarget && (url.port === target.port || ['127.0.0.1', '[::1]', 'localhost'].includes(target.hostname));
};

/**
 * Runs the browser's part of the authorization code flow against identity-service: the authorization
 * request, its sign-in page (email, password, anti-forgery token), then the redirects back, until one
 * points at the client's redirect URI, whose URL (with `code`, `state` and `iss`, or `error`) is returned.
 * The client's part (PKCE, state, the code exchange) stays with the caller.
 */
export async function signInHeadless(options: HeadlessSignInOptions): Promise<URL> {
  const agent = options.userAgent ?? new HeadlessUserAgent();
  let response = await agent.get(options.authorizationUrl);
  for (let step = 0; step < (options.maxSteps ?? 10); step += 1) {
    if (response.location !== undefined && response.status >= 300 && response.status < 400) {
      if (endsAt(response.location, options.redirectUri)) return response.location;
      response = await agent.get(response.location);
      continue;
    }
    if (response.status !== 200) throw new HeadlessSignInError(`the provider answered ${response.status}`, response);
    const form = parseSignInForm(response.text, response.url);
    response = await agent.postForm(form.action, { csrf: form.csrf, email: options.email, password: options.password });
  }
  throw new HeadlessSignInError(`no redirect to ${options.redirectUri} within ${options.maxSteps ?? 10} steps`, response);
}
