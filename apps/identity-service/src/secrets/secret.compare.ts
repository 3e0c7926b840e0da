import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a secret a caller gave equals the expected one, in time that does not
 * depend on how much of it matched. Both sides are hashed first because
 * timingSafeEqual needs equal lengths, and comparing lengths would tell the
 * expected secret's length.
 */
export function secretsMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
