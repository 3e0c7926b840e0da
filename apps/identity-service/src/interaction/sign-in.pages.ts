import { escapeHtml, type HtmlPage, htmlPage } from '../pages/html.page';

export interface SignInPageOptions {
  uid: string;
  /** The anti-forgery token the form posts back. */
  csrf: string;
  clientName: string;
  /** Shown in the email field again (what was typed, or the client's `login_hint`). */
  email?: string;
  /** Shown above the form; the reason the form is shown again. */
  error?: string;
}

const cancelForm = (uid: string, csrf: string) => `<form method="post" action="/interaction/${escapeHtml(uid)}/abort">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<button type="submit" class="secondary">Cancel</button>
</form>`;

/** The sign-in form: email, password and the anti-forgery token, posted to this service itself. */
export function signInPage({ uid, csrf, clientName, email = '', error }: SignInPageOptions): HtmlPage {
  return htmlPage(
    'Sign in',
    `<h1>Sign in</h1>
<p class="hint">to continue to ${escapeHtml(clientName)}</p>
${error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="on">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<label for="email">Email</label>
<input type="email" id="email" name="email" value="${escapeHtml(email)}" required autofocus autocomplete="username">
<label for="password">Password</label>
<input type="password" id="password" name="password" required autocomplete="current-password">
<button type="submit">Sign in</button>
</form>
${cancelForm(uid, csrf)}`,
  );
}

export interface ConsentPageOptions {
  uid: string;
  csrf: string;
  clientName: string;
  email: string;
}

/**
 * For a native app asking while the browser is signed in already (RFC 8252 §8.6: another app may claim
 * its redirect scheme, so the user confirms rather than the provider answering silently).
 */
export function consentPage({ uid, csrf, clientName, email }: ConsentPageOptions): HtmlPage {
  return htmlPage(
    'Continue',
    `<h1>Continue to ${escapeHtml(clientName)}?</h1>
<p>You are signed in as ${escapeHtml(email)}.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<button type="submit">Continue</button>
</form>
${cancelForm(uid, csrf)}`,
  );
}

/** A page that only tells what went wrong (an expired sign-in, a refused post). */
export function messagePage(title: string, message: string): HtmlPage {
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(message)}</p>`);
}
