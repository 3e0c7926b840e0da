import { z } from 'zod';
import { ConfigError } from './config.error';

export type Env = Readonly<Record<string, string | undefined>>;

export const envVar = {
  integer: (min: number, max: number) => {
    const problem = `must be a whole number from ${min} to ${max}`;
    return z
      .string()
      .regex(/^\d+$/, problem)
      .transform(Number)
      .pipe(z.number().min(min, problem).max(max, problem));
  },
  httpUrl: () =>
    z
      .string()
      .refine((value) => /^https?:$/.test(safeUrl(value)?.protocol ?? ''), 'must be an absolute http:// or https:// URL')
      .transform((value) => value.replace(/\/+$/, '')),
  text: (minLength = 1) => z.string().min(minLength, `must be at least ${minLength} characters long`),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: `must be one of: ${values.join(', ')}` }),
  onOff: () => z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).transform((value) => value === 'on'),
};

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Parses the environment against a schema of variables. The first problem
 * becomes a ConfigError naming its variable; the value itself is never echoed,
 * since it may be a secret.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Env): z.output<S> {
  // An unset variable and one set to the empty string (as env files often do) both mean "use the default".
  const setVars = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(setVars);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? 'environment');
  const problem = issue?.code === 'invalid_type' ? 'is required' : (issue?.message ?? 'is invalid');
  throw new ConfigError(variable, problem);
}
