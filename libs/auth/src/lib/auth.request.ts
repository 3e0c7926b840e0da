import type { AuthenticatedUser } from './authenticated-user';
import type { WebSession } from './session.codec';

/** What authentication reads from and adds to a request (Fastify's, seen through this lens). */
export interface AuthRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed by @fastify/cookie. */
  cookies?: Record<string, string | undefined>;
  /** The verified caller, set by passport. */
  user?: AuthenticatedUser;
  /** The raw access token (passed on to the services) and, for a cookie session, the session. */
  auth?: { token: string; session?: WebSession };
}
