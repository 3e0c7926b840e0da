import type { WebSession } from './session.codec';

/**
 * What web-bff found behind a request's session cookie, settled before authentication runs (looking
 * a session up and refreshing its token take I/O, which passport's token extraction cannot wait for):
 * the session, no session (unknown, ended or revoked: a 401), or a failure to tell (the session store
 * or the identity provider is down: its own error, never a 401 that would send the user to sign in).
 */
export type SessionResolution = { session: WebSession } | { session: undefined } | { session: undefined; failure: Error };

// Keyed by the request object itself, so that nothing is added to Fastify's request type.
const resolutions = new WeakMap<object, SessionResolution>();

/** Records what the request's session cookie resolved to; read by the token extractor. */
export function recordSessionResolution(request: object, resolution: SessionResolution): void {
  resolutions.set(request, resolution);
}

/** What the request's session cookie resolved to, or undefined if it carried none (or nothing resolved it). */
export function sessionResolutionOf(request: object): SessionResolution | undefined {
  return resolutions.get(request);
}
