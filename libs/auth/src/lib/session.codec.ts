import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';

/** web-bff's session cookie: HttpOnly, so the page's scripts never see the token in it. */
export const SESSION_COOKIE = 'bff_session';
/** The header a cookie-authenticated state-changing request must carry. */
export const CSRF_HEADER = 'x-csrf-token';

/** What the encrypted cookie holds. */
export interface WebSession {
  accessToken: string;
  csrfToken: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/**
 * Seals a session into a cookie value and opens it again: AES-256-GCM with a
 * key derived from SESSION_SECRET, so the browser holds the access token only
 * encrypted and cannot change it. There is no server-side store, so every instance can open
 * any session.
 */
@Injectable()
export class SessionCodec {
  private readonly key: Buffer;

  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    // Without sessions the codec is never used; a random key keeps it from opening anything.
    const secret = options.sessions?.secret ?? randomBytes(32).toString('hex');
    this.key = createHash('sha256').update(`bff-session:${secret}`).digest();
  }

  /** A new session for a token, with a fresh CSRF token. */
  create(accessToken: string, expiresAt: number): WebSession {
    return { accessToken, csrfToken: randomBytes(24).toString('base64url'), expiresAt };
  }

  seal(session: WebSession): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const plaintext = Buffer.from(JSON.stringify([session.accessToken, session.csrfToken, session.expiresAt]), 'utf8');
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The session in a cookie value, or undefined if it was forged, altered, malformed or has expired. */
  open(value: string, now = Date.now()): WebSession | undefined {
    try {
      const raw = Buffer.from(value, 'base64url');
      if (raw.length < 29) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plaintext = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const [accessToken, csrfToken, expiresAt] = JSON.parse(plaintext) as [unknown, unknown, unknown];
      if (typeof accessToken !== 'string' || typeof csrfToken !== 'string' || typeof expiresAt !== 'number') return undefined;
      if (expiresAt * 1000 <= now) return undefined;
      return { accessToken, csrfToken, expiresAt };
    } catch {
      return undefined;
    }
  }

  /** Constant-time comparison of the CSRF token a request sent with its session's. */
  csrfMatches(session: WebSession, sent: unknown): boolean {
    if (typeof sent !== 'string') return false;
    const expected = Buffer.from(session.csrfToken);
    const actual = Buffer.from(sent);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
