import type { SessionStore } from '../session/session.store';
import { toWebBffError, WebBffError } from './web-bff.error';
import type { User } from '@bff/contracts';
import { degradedParts } from './degraded.parts';
import type { EndedSession, SessionView, WebHome, WebOrder, WebProfile } from './web-bff.types';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * web-bff's API, one method per call the screens make. Every request carries the session cookie
 * (`credentials: 'include'`: the app and web-bff are different origins); every change carries the
 * session's CSRF token. Errors come back as {@link WebBffError}; a 401 from a signed-in session (it
 * ended: logged out elsewhere, revoked, its refresh refused) also calls `onSessionEnded`.
 */
export class WebBffClient {
  /** Called when web-bff answers 401 to a session the page believed signed in. */
  onSessionEnded: (() => void) | undefined;

  constructor(
    /** web-bff's origin, e.g. `http://localhost:3000`. */
    readonly baseUrl: string,
    private readonly session: SessionStore,
  ) {}

  /**
   * Where the browser goes to sign in (a navigation, not a call): web-bff sends it on to the identity
   * provider's page and, signed in, back to `returnTo` (an address of this app).
   */
  signInUrl(returnTo: string): string {
    return `${this.baseUrl}/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  }

  /** The current session, or null when the browser has none (401). */
  async currentSession(): Promise<SessionView | null> {
    try {
      return await this.send<SessionView>('GET', '/api/auth/session');
    } catch (error) {
      if (error instanceof WebBffError && error.statusCode === 401) return null;
      throw error;
    }
  }

  /** Ends the session at web-bff (everywhere at once); answers where the browser signs out at the provider too. */
  async logout(): Promise<EndedSession> {
    // A 401 here means the session had already ended: signed out either way, so not "ended" news.
    return (await this.request<EndedSession>('POST', '/api/auth/logout', undefined, { reportEnded: false })).body;
  }

  /** The home screen; `meta.degraded` lists the missing parts whether the body or the `X-Degraded` header says so. */
  async home(): Promise<WebHome> {
    const { body, headers } = await this.request<WebHome>('GET', '/api/home');
    return { ...body, meta: { degraded: degradedParts(body.meta, headers.get('x-degraded')) } };
  }

  profile(): Promise<WebProfile> {
    return this.send<WebProfile>('GET', '/api/profile');
  }

  order(id: string): Promise<WebOrder> {
    return this.send<WebOrder>('GET', `/api/orders/${encodeURIComponent(id)}`);
  }

  /** Changes the display name; web-bff answers the user as it is now, or 400 naming what is wrong with the name. */
  updateProfile(name: string): Promise<User> {
    return this.send<User>('PATCH', '/api/profile', { name });
  }

  private async send<T>(method: Method, path: string, body?: unknown): Promise<T> {
    return (await this.request<T>(method, path, body)).body;
  }

  private async request<T>(method: Method, path: string, body?: unknown, options = { reportEnded: true }): Promise<{ body: T; headers: Headers }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const csrfToken = this.session.csrfToken;
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        credentials: 'include',
        // Personal data: never from, nor into, the HTTP cache.
        cache: 'no-store',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      // The browser tells scripts nothing more (offline, refused, or blocked by CORS).
      throw new WebBffError(0, `No answer from ${this.baseUrl}`, 'The shop cannot be reached right now. Check your connection and try again.');
    }
    const payload = await readJson(response);
    if (response.status === 401 && options.reportEnded && this.session.current) this.onSessionEnded?.();
    if (!response.ok) {
      throw toWebBffError(response.status, response.statusText, payload, response.headers.get('x-request-id'), response.headers.get('retry-after'));
    }
    // Typed, not parsed: web-bff's presenters are the contract, and its e2e tests hold it to it.
    return { body: payload as T, headers: response.headers };
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204 || !response.headers.get('content-type')?.includes('application/json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}
