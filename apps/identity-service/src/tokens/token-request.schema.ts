import { z } from 'zod';

export const AUDIENCES = ['web', 'mobile'] as const;

const requiredString = (name: string, maxLength: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be a string`) })
    .min(1, `${name} is required`)
    .max(maxLength, `${name} must be at most ${maxLength} characters`);

/**
 * The body of POST /auth/token. Lengths are capped so that a huge value is
 * refused before any work is done on it; 254 is the longest email address
 * SMTP carries. Members it does not know are ignored.
 */
export const tokenRequestSchema = z.object(
  {
    email: requiredString('email', 254),
    password: requiredString('password', 256),
    audience: z.enum(AUDIENCES, { error: 'audience must be "web" or "mobile"' }),
  },
  { error: 'The body must be a JSON object {email, password, audience}' },
);

export type TokenRequest = z.output<typeof tokenRequestSchema>;
