import type { z } from 'zod';

/**
 * The first thing wrong with a body, for the log line of a breach: the field's path in the body and
 * zod's message, e.g. `body.items[0].quantity: Invalid input: expected number, received string`.
 * Names the field, never its value (zod's messages do not quote the input), so it is safe to log.
 * The same format as `describeContractBreach` of @bff/contracts (which names up to three issues and
 * looks inside unions), which can take its place here.
 */
export function firstBreachOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'body: does not match the contract';
  const path = issue.path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`), 'body');
  return `${path}: ${issue.message}`;
}
