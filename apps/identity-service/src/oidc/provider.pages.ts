import type { ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, type HtmlPage, htmlPage, pageHeaders } from '../pages/html.page';

function render(ctx: KoaContextWithOIDC, page: HtmlPage): void {
  for (const [name, value] of Object.entries(pageHeaders(page))) ctx.set(name, value);
  ctx.body = page.html;
}

/** Submits the logout form by itself, once the page has loaded. */
const AUTO_SUBMIT = "document.addEventListener('DOMContentLoaded',function(){document.getElementById('op.logoutForm').submit()});";

/**
 * The end-session page (RP-Initiated Logout 1.0). `form` is oidc-provider's form with its own
 * anti-forgery token. When the client proved it holds this very user's ID token (a valid
 * `id_token_hint` whose `sub` is the signed-in account) the page confirms itself, so that the client's
 * "sign out" is one step; otherwise the user is asked, since anyone can link a browser here.
 */
export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const hintSub = ctx.oidc.entities.IdTokenHint?.payload['sub'];
  const confirmedByHint = typeof hintSub === 'string' && hintSub === ctx.oidc.session?.accountId;
  const body = `<h1>Sign out</h1>
${form}
<input type="hidden" name="logout" value="yes" form="op.logoutForm"${confirmedByHint ? '' : ' disabled'}>
${
  confirmedByHint
    ? '<p>Signing you out…</p><noscript><button type="submit" form="op.logoutForm">Continue</button></noscript>'
    : `<p>Do you want to sign out of ${escapeHtml(ctx.host)}?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign me out</button>
<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button>`
}`;
  render(ctx, htmlPage('Sign out', body, confirmedByHint ? AUTO_SUBMIT : undefined));
}

/** After a logout that named no `post_logout_redirect_uri`. */
export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  render(ctx, htmlPage('Signed out', '<h1>Signed out</h1><p>You are signed out. You can close this page.</p>'));
}

/**
 * What the browser sees when a request cannot be sent back to the client (an unknown client, a
 * redirect URI it did not register...): the OAuth error and its description, never a stack.
 */
export async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  const description = out.error_description ? `<p>${escapeHtml(out.error_description)}</p>` : '';
  render(ctx, htmlPage('Sign-in error', `<h1>Something went wrong</h1><p class="error">${escapeHtml(out.error)}</p>${description}`));
}
