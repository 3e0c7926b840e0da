import { el, errorBox } from '../ui/elements';
import type { Screen, ScreenContext } from './screen';

/**
 * Signing in happens at the identity provider: this screen only sends the browser there, through
 * web-bff's `GET /api/auth/login?returnTo=...`. The provider's page takes the password (the app never
 * sees it); web-bff takes the tokens (the app never sees them) and sends the browser back here with an
 * HttpOnly session cookie, or with `?signInError=<reason>`.
 */
export function signInScreen({ api }: ScreenContext, options: { notice?: string; error?: string; returnTo: string }): Screen {
  const go = el('a', { class: 'button', href: api.signInUrl(options.returnTo) }, 'Sign in');
  return {
    title: 'Sign in',
    content: el(
      'section',
      { class: 'sign-in' },
      el('h1', {}, 'Sign in'),
      options.notice ? el('p', { class: 'notice', role: 'status' }, options.notice) : null,
      options.error ? errorBox(options.error) : null,
      el('p', { class: 'muted' }, 'You sign in on the identity provider’s page, then come back here.'),
      go,
    ),
  };
}
