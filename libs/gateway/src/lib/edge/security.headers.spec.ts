import { HELMET_OPTIONS, helmetHeadersOf, SECURITY_HEADERS } from './security.headers';

describe('SECURITY_HEADERS', () => {
  it('are helmet 8’s headers for an API: no framing, no sniffing, no referrer, HSTS, and no CSP', () => {
    // A helmet upgrade that changes what it sends fails here first (and in the edge e2e spec).
    expect(SECURITY_HEADERS).toEqual({
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-site',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    });
  });

  it('follow the options they are built from', () => {
    const framed = helmetHeadersOf({ frameguard: { action: 'deny' }, contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"] } } });
    expect(framed).toMatchObject({ 'x-frame-options': 'DENY', 'content-security-policy': "default-src 'none'" });
    expect(helmetHeadersOf(HELMET_OPTIONS)).not.toHaveProperty('content-security-policy');
  });
});
