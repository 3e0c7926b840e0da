/** What the provider's sign-in page asks to be posted back: where to, and its anti-forgery token. */
export interface SignInForm {
  action: URL;
  csrf: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (value: string) => value.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

/** The page has no sign-in form (an error page, or another provider's page). */
export class SignInFormNotFoundError extends Error {
  constructor(readonly pageUrl: string) {
    super(`no sign-in form (a form posting to .../login with a csrf field) on ${pageUrl}`);
    this.name = 'SignInFormNotFoundError';
  }
}

/**
 * Reads identity-service's sign-in page (see its README: a form posting to `/interaction/<uid>/login`
 * with a hidden `csrf` field). A page it does not recognise is a SignInFormNotFoundError.
 */
export function parseSignInForm(html: string, pageUrl: URL): SignInForm {
  const form = /<form\b[^>]*\baction="([^"]*\/login)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  const csrf = form?.[2] === undefined ? undefined : /<input\b[^>]*\bname="csrf"[^>]*\bvalue="([^"]*)"/i.exec(form[2])?.[1];
  if (!form?.[1] || csrf === undefined) throw new SignInFormNotFoundError(pageUrl.href);
  return { action: new URL(unescape(form[1]), pageUrl), csrf: unescape(csrf) };
}
