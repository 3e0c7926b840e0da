import type { AuthRequest } from './auth.request';
import { bearerToken } from './bearer-token';
import { SESSION_COOKIE, type SessionCodec } from './session.codec';
import { sessionResolutionOf } from './session.resolution';

/**
 * passport-jwt's `jwtFromRequest`: the bearer token, or else (where sessions are on) the access token
 * of the cookie session web-bff resolved for this request before authentication (see
 * `recordSessionResolution`). A request with an Authorization header is judged by that header alone.
 * Records where the token came from.
 * @throws the resolution's failure (session store or identity provider down), so that it is answered
 * as such rather than as a 401
 */
export function tokenExtractor(sessions: SessionCodec | undefined) {
  return (request: AuthRequest): string | null => {
    const header = request.headers.authorization;
    if (typeof header === 'string') {
      const token = bearerToken(header);
      if (token) request.auth = { token };
      return token;
    }
    if (!sessions) return null;
    const resolution = sessionResolutionOf(request);
    if (resolution && 'failure' in resolution) throw resolution.failure;
    const session = resolution?.session;
    if (!session) return null;
    request.auth = { token: session.accessToken, session };
    return session.accessToken;
  };
}

/** Whether the request offered any credentials at all (to tell "missing" from "invalid"). */
export function offeredCredentials(request: AuthRequest, sessionsEnabled: boolean): boolean {
  return request.headers.authorization !== undefined || (sessionsEnabled && request.cookies?.[SESSION_COOKIE] !== undefined);
}
