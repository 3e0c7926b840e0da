import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CrossSiteRequestError } from './interaction.errors';

/** Fetch Metadata values a same-origin form post can carry: the page's own (`same-origin`) or a user's (`none`). */
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Refuses a form post another site made (login CSRF): a browser says where a post comes from in
 * `Sec-Fetch-Site` and `Origin`; either one naming another site is enough to refuse. A client that is no
 * browser (the development CLI) sends neither, and is let through to the anti-forgery check.
 */
@Injectable()
export class SameOriginPostGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { headers } = context.switchToHttp().getRequest<FastifyRequest>();
    const fetchSite = headers['sec-fetch-site'];
    if (fetchSite !== undefined && !ALLOWED_FETCH_SITES.has(String(fetchSite).toLowerCase())) throw new CrossSiteRequestError();
    const origin = headers.origin;
    // The port counts: another app on this host is another origin. The scheme is left to the proxy in front.
    if (origin !== undefined && URL.parse(origin)?.host !== headers.host) throw new CrossSiteRequestError();
    return true;
  }
}
