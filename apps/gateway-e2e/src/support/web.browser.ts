import { DEVELOPMENT_USER_PASSWORD } from '@bff/config';
import { HeadlessUserAgent, signInHeadless, type UserAgentResponse } from '@bff/headless-sign-in';
import { call, type HttpResult } from './http.client';

export const SESSION_COOKIE = '__Host-bff_session';
export const LOGIN_COOKIE = '__Host-bff_login';
export const U42 = { email: 'linus.perlman.42@example.com', password: DEVELOPMENT_USER_PASSWORD };

/** One cookie of a `Cookie` header. */
const cookieIn = (header: string | undefined, name: string) =>
  header
    ?.split('; ')
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** A signed-in browser: its session cookie and the session's CSRF token. */
export interface SignedIn {
  /** `__Host-bff_session=<id>`, as the browser sends it. */
  cookie: string;
  csrfToken: string;
  /** Where web-bff sent the browser after the callback. */
  landedAt: URL;
}

/**
 * A browser stand-in for web-bff's sign-in: one cookie jar for 127.0.0.1 (browsers keep cookies by host,
 * not port, so web-bff's instances and identity-service share it, as they would), redirects read one at
 * a time, identity-service's sign-in page filled in.
 */
export class WebBrowser {
  readonly agent = new HeadlessUserAgent();

  /** Navigates to web-bff's `GET /api/auth/login` and answers its response (a redirect to the provider). */
  startSignIn(bff: string, returnTo?: string): Promise<UserAgentResponse> {
    const url = new URL(`${bff}/api/auth/login`);
    if (returnTo !== undefined) url.searchParams.set('returnTo', returnTo);
    return this.agent.get(url);
  }

  /** The provider's part, from the authorization URL to the callback URL (read, not followed). */
  atProvider(authorizationUrl: URL, bff: string, user = U42): Promise<URL> {
    return signInHeadless({ authorizationUrl, redirectUri: `${bff}/api/auth/callback`, email: user.email, password: user.password, userAgent: this.agent });
  }

  /** At the provider's sign-in page, the user presses Cancel: the URL the provider sends the browser back to. */
  async cancelAtProvider(authorizationUrl: URL, bff: string): Promise<URL> {
    let response = await this.agent.get(authorizationUrl);
    for (let step = 0; step < 10; step++) {
      if (response.location?.href.startsWith(`${bff}/api/auth/callback`)) return response.location;
      if (response.location) {
        response = await this.agent.get(response.location);
        continue;
      }
      const cancel = /<form method="post" action="([^"]+\/abort)">\s*<input type="hidden" name="csrf" value="([^"]+)">/.exec(response.text);
      if (!cancel?.[1] || !cancel[2]) throw new Error(`no Cancel button on ${response.url.href}`);
      response = await this.agent.postForm(new URL(cancel[1], response.url), { csrf: cancel[2] });
    }
    throw new Error('the provider never sent the browser back');
  }

  /** Back at web-bff: the callback's answer (a redirect to the web app). */
  callback(url: URL): Promise<UserAgentResponse> {
    return this.agent.get(url);
  }

  /** The whole sign-in through web-bff `bff`; throws unless it ends signed in. */
  async signIn(bff: string, returnTo?: string, user = U42): Promise<SignedIn> {
    const start = await this.startSignIn(bff, returnTo);
    if (start.status !== 302 || !start.location) throw new Error(`GET /api/auth/login answered ${start.status}`);
    const callback = await this.callback(await this.atProvider(start.location, bff, user));
    if (callback.status !== 302 || !callback.location || callback.location.searchParams.has('signInError')) {
      throw new Error(`the callback answered ${callback.status} ${callback.location?.href ?? ''}`);
    }
    const id = this.cookie(bff, SESSION_COOKIE);
    if (!id) throw new Error('no session cookie after the callback');
    const session = await this.api<{ csrfToken: string }>(bff, '/api/auth/session');
    if (session.status !== 200) throw new Error(`GET /api/auth/session answered ${session.status}`);
    return { cookie: `${SESSION_COOKIE}=${id}`, csrfToken: session.body.csrfToken, landedAt: callback.location };
  }

  /** The value of a cookie the browser would send to `url`. */
  cookie(url: string, name: string): string | undefined {
    return cookieIn(this.agent.cookies.headerFor(new URL(url)), name);
  }

  /** A call to web-bff's API with the browser's cookies (the app's `fetch` with credentials). */
  api<T = unknown>(bff: string, path: string, options: Parameters<typeof call>[1] = {}): Promise<HttpResult<T>> {
    const cookie = this.agent.cookies.headerFor(new URL(`${bff}${path}`));
    return call<T>(`${bff}${path}`, { ...options, headers: { ...(cookie ? { cookie } : {}), ...options.headers } });
  }
}
