import type { SessionView } from '../api/web-bff.types';

/**
 * The session as far as the page knows it. Memory only, never localStorage, sessionStorage or a
 * readable cookie: the token itself stays in web-bff's HttpOnly cookie, and the CSRF token must not
 * outlive the page either, so a reload asks web-bff again (`GET /api/auth/session`).
 */
export class SessionStore {
  private view: SessionView | null = null;

  get current(): SessionView | null {
    return this.view;
  }

  /** For `X-CSRF-Token` on every change. */
  get csrfToken(): string | null {
    return this.view?.csrfToken ?? null;
  }

  set(view: SessionView): void {
    this.view = view;
  }

  clear(): void {
    this.view = null;
  }
}
