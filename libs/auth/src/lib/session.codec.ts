import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';

/**
 * web-bff's session cookie: it holds only a random session id (the session itself, with its tokens,
 * stays on the server). `__Host-`: Secure, Path=/, no Domain, so no other host or path can set or read it.
 */
export const SESSION_COOKIE = '__Host-bff_session';
/** The header a cookie-authenticated state-changing request must carry. */
export const CSRF_HEADER = 'x-csrf-token';

/** A cookie session as authentication sees it, once web-bff has looked it up (and refreshed its token). */
export interface WebSession {
  /** The current access token: verified like a bearer token, then passed on to the services. */
  accessToken: string;
  csrfToken: string;
  /** When the session ends (not its access token), in seconds since the epoch. */
  expiresAt: number;
  /** The email the provider's ID token named, when the access token names none. */
  email?: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals small values for the browser to hold (AES-256-GCM with a key derived from SESSION_SECRET):
 * the browser can neither read nor alter them, and a value sealed for one purpose does not open as
 * another. Also makes and checks the sessions' CSRF tokens.
 */
@Injectable()
export class SessionCodec {
  private readonly key: Buffer;

  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    // Without sessions the codec is never used; a random key keeps it from opening anything.
    const secret = options.sessions?.secret ?? randomBytes(32).toString('hex');
    this.key = Buffer.from(hkdfSync('sha256', secret, 'bff-session', 'sealed-cookie-v2', 32));
  }

  /** A fresh CSRF token for a new session. */
  createCsrfToken(): string {
    return randomBytes(24).toString('base64url');
  }

  /** `value` (JSON-serialisable) sealed for `purpose` until `expiresAt` (seconds since the epoch). */
  seal(purpose: string, value: unknown, expiresAt: number): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const plaintext = Buffer.from(JSON.stringify([expiresAt, value]), 'utf8');
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /**
   * What `seal` sealed for the same purpose, or undefined if the value was forged, altered, sealed for
   * another purpose or with another secret, malformed, or has expired. Unparsed: the caller checks its shape.
   */
  open(purpose: string, sealed: string, now = Date.now()): unknown {
    try {
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(purpose, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plaintext = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      const [expiresAt, value] = JSON.parse(plaintext) as [unknown, unknown];
      if (typeof expiresAt !== 'number' || expiresAt * 1000 <= now) return undefined;
      return value;
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
