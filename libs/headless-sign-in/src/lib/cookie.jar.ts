interface StoredCookie {
  value: string;
  path: string;
}

/**
 * The cookies one origin set, kept as a browser keeps them for requests back to it: by name and Path
 * (RFC 6265 §5.1.4 path-match), dropped when the server expires them. Domain, Secure and SameSite are
 * not modelled: the jar talks to one origin, and it is no browser a cross-site page could drive.
 */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  /** Takes in every `Set-Cookie` of a response. */
  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) this.storeOne(line);
  }

  /** The `Cookie` header for a request to `url`, or undefined when no cookie applies. */
  headerFor(url: URL): string | undefined {
    const pairs = [...this.cookies]
      .filter(([, cookie]) => pathMatches(url.pathname, cookie.path))
      .map(([key, cookie]) => `${key.slice(0, key.indexOf('\n'))}=${cookie.value}`);
    return pairs.length === 0 ? undefined : pairs.join('; ');
  }

  /** The names of the cookies held (for assertions). */
  names(): string[] {
    return [...this.cookies.keys()].map((key) => key.slice(0, key.indexOf('\n')));
  }

  private storeOne(line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) return;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    let path = '/';
    let expired = false;
    for (const attribute of attributes) {
      const [key = '', ...rest] = attribute.split('=');
      const attributeValue = rest.join('=').trim();
      switch (key.trim().toLowerCase()) {
        case 'path':
          if (attributeValue.startsWith('/')) path = attributeValue;
          break;
        case 'max-age':
          if (Number(attributeValue) <= 0) expired = true;
          break;
        case 'expires':
          if (Date.parse(attributeValue) <= Date.now()) expired = true;
          break;
      }
    }
    const key = `${name}\n${path}`;
    if (expired) this.cookies.delete(key);
    else this.cookies.set(key, { value, path });
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}
