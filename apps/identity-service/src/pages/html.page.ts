import { createHash } from 'node:crypto';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** A page this service renders: its HTML and the Content-Security-Policy that goes with it. */
export interface HtmlPage {
  html: string;
  contentSecurityPolicy: string;
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;padding:48px 16px;color:#1d2733}
main{max-width:360px;margin:0 auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.4em;margin:0 0 16px}label{display:block;margin:12px 0 4px;font-size:.9em}
input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:8px;font-size:1em;border:1px solid #b8c0cc;border-radius:4px}
button{margin-top:16px;width:100%;padding:10px;font-size:1em;border:0;border-radius:4px;background:#2557d6;color:#fff;cursor:pointer}
button.secondary{background:none;color:#2557d6}.error{color:#b00020}.hint{font-size:.85em;color:#5b6573}`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * A whole page around `body`. Nothing is loaded from elsewhere; the only style and script allowed are
 * the inline ones here, by hash. No `form-action`: browsers apply it to the redirects that follow a
 * form's submission, and the sign-in ends in a redirect to the client's own URI.
 */
export function htmlPage(title: string, body: string, script?: string): HtmlPage {
  const scriptSrc = script === undefined ? "'none'" : sha256(script);
  return {
    html: `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
${script === undefined ? '' : `<script>${script}</script>`}
</head>
<body><main>
${body}
</main></body>
</html>`,
    contentSecurityPolicy: `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${scriptSrc}; img-src 'self'; base-uri 'none'; frame-ancestors 'none'`,
  };
}

/** The headers every page goes out with: never cached (each carries a one-time token), never framed. */
export function pageHeaders(page: HtmlPage): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': page.contentSecurityPolicy,
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // same-origin, not no-referrer: under no-referrer browsers send a form post's Origin as `null`, which
    // the sign-in page's cross-site check must refuse; same-origin still tells other sites nothing.
    'referrer-policy': 'same-origin',
  };
}
