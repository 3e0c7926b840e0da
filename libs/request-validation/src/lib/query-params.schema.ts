import { z } from 'zod';

/**
 * A whole number in a query string, `min` to `max`, `fallback` when absent. Only digits count:
 * `''`, `1e1`, `0x10`, ` 5` and a repeated parameter are refused, where a bare coercion would guess.
 */
export function integerParam(bounds: { min: number; max: number; fallback: number }) {
  return z
    .string()
    .regex(/^\d{1,6}$/, `must be a whole number from ${bounds.min} to ${bounds.max}`)
    .transform(Number)
    .pipe(z.number().min(bounds.min, `must be a whole number from ${bounds.min} to ${bounds.max}`).max(bounds.max, `must be a whole number from ${bounds.min} to ${bounds.max}`))
    .optional()
    .transform((value) => value ?? bounds.fallback);
}

/** `?cursor=&limit=` of a list: a cursor as the gateway hands them out, and a page size. */
export function pageQuerySchema(limits: { default: number; max: number }) {
  return z.object({
    cursor: z.string().min(1).max(200).optional(),
    limit: integerParam({ min: 1, max: limits.max, fallback: limits.default }),
  });
}
