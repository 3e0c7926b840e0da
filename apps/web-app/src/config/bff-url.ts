/** Where web-bff listens when nothing says otherwise: `npm start` and `npx nx serve web-bff`. */
export const DEFAULT_BFF_URL = 'http://localhost:3000';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface BffUrlSources {
  /** `webAppConfig.bffUrl` from `/config.js`, which the server that hands out the app may write. */
  runtime?: unknown;
  /** `VITE_BFF_URL` when the app was built. */
  buildTime?: string | undefined;
  /** The page's own address (`window.location`). */
  page: { protocol: string; hostname: string };
}

/** The BFF URL given is not an http(s) origin; the app shows this instead of calling anywhere. */
export class BffUrlError extends Error {
  constructor(readonly value: unknown) {
    super(`web-bff's URL must be an http(s) origin such as ${DEFAULT_BFF_URL}, not ${JSON.stringify(value)}`);
    this.name = 'BffUrlError';
  }
}

/**
 * The web-bff origin the app calls: the runtime setting, else the build-time one, else
 * {@link DEFAULT_BFF_URL}. A default on loopback follows the page's loopback name (a page on
 * 127.0.0.1:4200 calls 127.0.0.1:3000, not localhost:3000): the session cookie is SameSite=Strict,
 * and localhost and 127.0.0.1 are different sites, so a mix would sign in and then never send it.
 */
export function resolveBffUrl({ runtime, buildTime, page }: BffUrlSources): string {
  if (runtime !== undefined && runtime !== '') return toOrigin(runtime);
  if (buildTime) return toOrigin(buildTime);
  const url = new URL(DEFAULT_BFF_URL);
  if (LOOPBACK_HOSTS.has(page.hostname)) url.hostname = page.hostname;
  return url.origin;
}

function toOrigin(value: unknown): string {
  if (typeof value !== 'string' || !URL.canParse(value)) throw new BffUrlError(value);
  const url = new URL(value);
  // An origin only: a path would be silently dropped from every call, a mistake worth showing.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new BffUrlError(value);
  }
  return url.origin;
}
