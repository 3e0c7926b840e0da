import type { AuthRequest } from './auth.request';
import { bearerToken } from './bearer-token';
import { SESSION_COOKIE, type SessionCodec } from './session.codec';

/**
 * passport-jwt's `jwtFromRequest`: the bearer token, or else (where sessions are
 * on) the token inside the session cookie. A request with an Authorization header
 * is judged by that header alone. Records where the token came from.
 */
export function tokenExtractor(sessions: SessionCodec | undefined) {
  return (request: AuthRequest): string | null => {
    const header = request.headers.authorization;
    if (typeof header === 'string') {
      const token = bearerToken(header);
      if (token) request.auth = { token };
      return token;
    }
    const cookie = sessions ? request.cookies?.[SESSION_COOKIE] : undefined;
    const session = cookie ? sessions?.open(cookie) : undefined;
    if (!session) return null;
    request.auth = { token: session.accessToken, session };
    return session.accessToken;
  };
}

/** Whether the request offered any credentials at all (to tell "missing" from "invalid"). */
export function offeredCredentials(request: AuthRequest, sessionsEnabled: boolean): boolean {
  return request.headers.authorization !== undefined || (sessionsEnabled && request.cookies?.[SESSION_COOKIE] !== undefined);
}
