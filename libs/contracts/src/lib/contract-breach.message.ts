import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** How many issues a message names; the rest are counted. */
const DEFAULT_ISSUE_LIMIT = 3;

/**
 * What is wrong with a service's answer, for a log line: each issue as the field path in the body
 * and zod's message, e.g. `body[2].items[0].quantity: Invalid input: expected number, received string`.
 * Names fields, never their values (zod's messages do not quote the input), so it is safe to log.
 *
 * @param limit issues named before the rest are only counted. @default 3
 */
export function describeContractBreach(error: z.ZodError, limit = DEFAULT_ISSUE_LIMIT): string {
  const issues = error.issues.flatMap((issue) => leaves(issue, []));
  const named = issues.slice(0, limit).map(({ path, message }) => `${fieldPath(path)}: ${message}`);
  const more = issues.length - named.length;
  return more > 0 ? `${named.join('; ')} (and ${more} more)` : named.join('; ');
}

/**
 * The issues to name. A union that failed says only "Invalid input"; the branch that came closest
 * (the fewest issues, the later one on a tie: an open set's plain string) says what was expected.
 */
function leaves(issue: Issue, prefix: readonly PropertyKey[]): Array<{ path: PropertyKey[]; message: string }> {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const closest = issue.errors.reduce((best, branch) => (branch.length <= best.length ? branch : best));
    if (closest.length > 0) return closest.flatMap((branchIssue) => leaves(branchIssue, path));
  }
  return [{ path, message: issue.message }];
}

/** `['items', 0, 'quantity']` as `body.items[0].quantity`. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`), 'body');
}
