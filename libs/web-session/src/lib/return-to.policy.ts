/** The longest `returnTo` taken; anything longer falls back to the app's root. */
const MAX_RETURN_TO_LENGTH = 2_048;

/**
 * Where the browser may be sent after signing in (or failing to): only to the web app's own origins,
 * so that web-bff's sign-in is no open redirect. The URL is compared as the browser will read it
 * (WHATWG parsing, then its origin), and what is answered is that parsed form.
 */
export class ReturnToPolicy {
  private readonly origins: readonly string[];

  constructor(origins: readonly string[]) {
    this.origins = origins.map((origin) => new URL(origin).origin);
  }

  /** `candidate` when it is an absolute http(s) URL on one of the app's origins (no credentials), else the app's root. */
  resolve(candidate: unknown): string {
    if (typeof candidate !== 'string' || candidate.length > MAX_RETURN_TO_LENGTH || !URL.canParse(candidate)) return this.root();
    const url = new URL(candidate);
    if (!/^https?:$/.test(url.protocol) || url.username || url.password || !this.origins.includes(url.origin)) return this.root();
    return url.href;
  }

  /** Whether `origin` (an `Origin` header, say) is one of the app's. */
  allows(origin: unknown): origin is string {
    return typeof origin === 'string' && this.origins.includes(origin);
  }

  /** The root of the app's first origin; web-bff's own root when no app origin is configured. */
  root(): string {
    const first = this.origins[0];
    return first ? `${first}/` : '/';
  }

  /** Where a failed sign-in lands: `returnTo` (or the root) with `?signInError=<reason>`, its fragment kept. */
  withSignInError(returnTo: string | undefined, reason: string): string {
    const target = returnTo ?? this.root();
    if (!URL.canParse(target)) return `/?signInError=${encodeURIComponent(reason)}`;
    const url = new URL(target);
    url.searchParams.set('signInError', reason);
    return url.href;
  }
}
