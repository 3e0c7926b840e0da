import { applyDecorators, Header } from '@nestjs/common';

/**
 * A route that answers a generated SVG picture: its type, an hour in any cache, loadable from a page
 * on another origin (the web app's), and nothing in it may run (an SVG opened on its own is a
 * document, and could carry script).
 */
export function SvgPicture(): MethodDecorator {
  return applyDecorators(
    Header('content-type', 'image/svg+xml; charset=utf-8'),
    Header('cache-control', 'public, max-age=3600'),
    Header('cross-origin-resource-policy', 'cross-origin'),
    Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'"),
    Header('x-content-type-options', 'nosniff'),
  );
}
