import { WebBffError } from '../api/web-bff.error';
import { el, errorBox } from '../ui/elements';
import type { Screen, ScreenContext } from './screen';

/**
 * Email and password, posted to web-bff's `POST /api/auth/login`. The answer sets an HttpOnly cookie
 * the page cannot read; the page keeps only the session's view (user, expiry, CSRF token) in memory.
 */
export function signInScreen({ api, signedIn }: ScreenContext, notice?: string): Screen {
  const email = el('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = el('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = el('button', { type: 'submit' }, 'Sign in');
  const problem = el('div', { class: 'problem' });
  // method=post: were the script ever to fail, the browser would post the form to itself rather than
  // put the password in the address bar.
  const form = el(
    'form',
    { method: 'post', class: 'sign-in-form', 'aria-label': 'Sign in' },
    el('label', {}, 'Email', email),
    el('label', {}, 'Password', password),
    problem,
    submit,
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    problem.replaceChildren();
    api.login(email.value, password.value).then(
      (view) => signedIn(view),
      (error: unknown) => {
        problem.replaceChildren(
          error instanceof WebBffError ? errorBox(error.message, error.details) : errorBox('Signing in failed unexpectedly.'),
        );
        password.value = '';
        password.focus();
        submit.disabled = false;
        submit.textContent = 'Sign in';
      },
    );
  });

  return {
    title: 'Sign in',
    content: el(
      'section',
      { class: 'sign-in' },
      el('h1', {}, 'Sign in'),
      notice ? el('p', { class: 'notice', role: 'status' }, notice) : null,
      form,
    ),
  };
}
