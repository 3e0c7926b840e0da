import { CookieJar } from './cookie.jar';

/** A response as the user agent saw it, its body read. */
export interface UserAgentResponse {
  /** The URL asked for. */
  url: URL;
  status: number;
  headers: Headers;
  /** The absolute URL the response's `Location` names, when it has one. */
  location: URL | undefined;
  text: string;
}

export interface HeadlessUserAgentOptions {
  /**
   * The fetch to send requests with: a test binds it to another local address (undici's `dispatcher`).
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /** Headers sent with every request (e.g. the `Origin` and `Sec-Fetch-Site` a browser would send). @default none */
  headers?: Record<string, string>;
}

/**
 * What a browser does for a sign-in, without one: requests with the cookies the server set, redirects
 * left to the caller (so that a redirect to the client's `redirect_uri` is read, not followed), forms
 * posted as `application/x-www-form-urlencoded`.
 */
export class HeadlessUserAgent {
  readonly cookies = new CookieJar();
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HeadlessUserAgentOptions = {}) {
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  get(url: URL | string, headers: Record<string, string> = {}): Promise<UserAgentResponse> {
    return this.send(new URL(url), { method: 'GET', headers });
  }

  /** Posts `fields` as a form, as a browser submits one. */
  postForm(url: URL | string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<UserAgentResponse> {
    return this.send(new URL(url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  private async send(url: URL, init: { method: string; headers: Record<string, string>; body?: string }): Promise<UserAgentResponse> {
    const cookie = this.cookies.headerFor(url);
    const response = await this.fetchImpl(url, {
      ...init,
      redirect: 'manual',
      headers: { ...this.options.headers, ...init.headers, ...(cookie === undefined ? {} : { cookie }) },
    });
    this.cookies.store(response.headers);
    const location = response.headers.get('location');
    return { url, status: response.status, headers: response.headers, location: location === null ? undefined : new URL(location, url), text: await response.text() };
  }
}
