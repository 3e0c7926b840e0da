import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

/** What a value of zod's `expected` type is, in words. */
const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  bigint: 'a whole number',
};

/** zod's string formats, in words. */
const FORMATS: Record<string, string> = {
  email: 'an email address',
  url: 'a URL',
  uuid: 'a UUID',
  guid: 'a UUID',
  datetime: 'a date and time (ISO 8601)',
  date: 'a date (YYYY-MM-DD)',
  time: 'a time (HH:MM:SS)',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  base64: 'base64',
  base64url: 'base64url',
};

const plural = (count: number | bigint, one: string, many: string) => `${count} ${count === 1 || count === BigInt(1) ? one : many}`;

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const { minimum, inclusive = true, origin } = issue;
  if (origin === 'string') return minimum === 1 ? 'must not be empty' : `must be at least ${plural(minimum, 'character', 'characters')} long`;
  if (origin === 'array' || origin === 'set') return minimum === 1 ? 'must not be empty' : `must have at least ${plural(minimum, 'item', 'items')}`;
  return inclusive ? `must be ${minimum} or more` : `must be more than ${minimum}`;
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const { maximum, inclusive = true, origin } = issue;
  if (origin === 'string') return `must be at most ${plural(maximum, 'character', 'characters')} long`;
  if (origin === 'array' || origin === 'set') return `must have at most ${plural(maximum, 'item', 'items')}`;
  return inclusive ? `must be ${maximum} or less` : `must be less than ${maximum}`;
}

function invalidFormat(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  const known = FORMATS[issue.format];
  if (known) return `must be ${known}`;
  if (issue.format === 'starts_with' && typeof issue['prefix'] === 'string') return `must start with "${issue['prefix']}"`;
  if (issue.format === 'ends_with' && typeof issue['suffix'] === 'string') return `must end with "${issue['suffix']}"`;
  return 'is not in the expected format';
}

/**
 * zod's default messages rewritten for a person ("Too small: expected string to have >=1
 * characters" becomes "must not be empty"); the validation pipe prefixes each with the field it
 * is about (`name: must not be empty`). A message a schema states itself (`.min(1, '...')`,
 * `.refine(..., '...')`) wins over these, as zod gives a schema's own message precedence over
 * the error map of the parse.
 */
export const readableMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return invalidFormat(issue);
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of: ${issue.values.map((value) => String(value)).join(', ')}`;
    case 'unrecognized_keys':
      // The validation pipe names each key as the field (`tier: is not a known field`).
      return 'is not a known field';
    case 'invalid_union':
      return 'matches none of the accepted forms';
    case 'invalid_key':
      return 'has a key that is not valid';
    case 'invalid_element':
      return 'has an entry that is not valid';
    default:
      return undefined;
  }
};
