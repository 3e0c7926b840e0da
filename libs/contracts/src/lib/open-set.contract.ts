import { z } from 'zod';

/**
 * A vocabulary that its service owns and may grow (a tier, an order status): the gateway reads any
 * string, so that a value added downstream, which its team rightly calls backwards compatible, is
 * carried through instead of failing every answer that holds it.
 *
 * In JSON Schema (and so in the OpenAPI documents) it is `anyOf: [{ enum: known }, { type: string }]`:
 * the known values listed for people and generators (openapi-typescript writes `'gold' | ... | string`),
 * any other string valid. Plain JSON Schema, so every validator reads it without an extension keyword.
 */
export function openSetOf<Known extends z.ZodEnum>(known: Known): z.ZodUnion<[Known, z.ZodString]> {
  return z.union([known, z.string()]);
}

/**
 * The value when it is one of `known`, else `fallback`: for a client that was built against a closed
 * set and cannot show a value it does not know (a generated enum that refuses to decode).
 */
export function knownOr<Value extends string>(known: readonly Value[], value: string, fallback: NoInfer<Value>): Value {
  return (known as readonly string[]).includes(value) ? (value as Value) : fallback;
}
