import { createHmac, randomBytes } from 'node:crypto';
import { secretsMatch } from '../secrets/secret.compare';

/**
 * Anti-forgery tokens for the sign-in pages (OWASP's HMAC-based synchronizer token): an HMAC of the
 * interaction's uid under a key only this process knows. The uid is bound to the browser by the
 * provider's interaction cookie, so a page of another site can neither read this token (same-origin
 * policy) nor make one, and a token of the attacker's own interaction fails against the victim's cookie.
 */
export class AntiForgeryTokens {
  private readonly key = randomBytes(32);

  issue(interactionUid: string): string {
    return createHmac('sha256', this.key).update(`sign-in:${interactionUid}`).digest('base64url');
  }

  matches(interactionUid: string, token: string): boolean {
    return secretsMatch(token, this.issue(interactionUid));
  }
}
