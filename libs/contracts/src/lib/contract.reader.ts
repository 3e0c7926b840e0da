import Ajv, { type ValidateFunction } from 'ajv/dist/2020';
import { z } from 'zod';

/**
 * One validator for every schema: unknown fields removed and defaults filled in, as zod's objects
 * do; no type coercion; the first failure only (the answer is then zod's, below).
 */
// validateSchema off: the schemas are generated from zod, and checking each against JSON Schema's meta-schema
// compiled that meta-schema first, about 50 ms of every start.
const ajv = new Ajv({ removeAdditional: 'all', useDefaults: true, allErrors: false, strict: false, coerceTypes: false, validateSchema: false });
/** Per schema: its compiled validator, or null when JSON Schema cannot say what it does (a transform, a refinement). */
const compiled = new WeakMap<z.ZodType, ValidateFunction | null>();

function validatorOf(schema: z.ZodType): ValidateFunction | null {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = expressible(schema) ? ajv.compile(z.toJSONSchema(schema, { io: 'input' })) : null;
    compiled.set(schema, validate);
  }
  return validate;
}

/** The kinds of schema, and the checks on them, that JSON Schema says exactly as zod means them. */
const PLAIN_TYPES = new Set(['object', 'array', 'string', 'number', 'boolean', 'null', 'enum', 'literal', 'union', 'default', 'optional', 'nullable']);
const PLAIN_CHECKS = new Set(['min_length', 'max_length', 'length_equals', 'greater_than', 'less_than', 'number_format', 'multiple_of']);

/** What `expressible` reads of a zod schema's definition. */
interface SchemaDefinition {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; format?: string } } }>;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
}

/**
 * Whether ajv would judge every body as zod does: no transform, pipe or refinement anywhere (their
 * input side has a JSON Schema, but not what they do), and no string format but a regex (ajv knows
 * no format without ajv-formats, and would let any string through).
 */
function expressible(schema: z.ZodType): boolean {
  const def = schema._zod.def as unknown as SchemaDefinition;
  if (!PLAIN_TYPES.has(def.type)) return false;
  const checksPlain = (def.checks ?? []).every(({ _zod: { def: check } }) => PLAIN_CHECKS.has(check.check) || (check.check === 'string_format' && check.format === 'regex'));
  const children = [...Object.values(def.shape ?? {}), ...(def.element ? [def.element] : []), ...(def.options ?? []), ...(def.innerType ? [def.innerType] : [])];
  return checksPlain && children.every(expressible);
}

/**
 * Reads a service's answer with `schema`, as `schema.safeParse(data)` does, at the cost of a compiled
 * validator: ajv's, generated once from the same schema (z.toJSONSchema), accepts what is right and
 * tidies it in place (fields the schema does not name removed, defaults filled in); whatever it
 * refuses is read again by zod, whose verdict and messages are the answer (so a breach reads exactly
 * as before, and a body ajv and zod would judge apart is zod's to judge). A schema JSON Schema cannot
 * express is read by zod alone. `data` must be the caller's own (a body just parsed from JSON): it is
 * changed in place. About 4x less CPU than zod for a profile screen's bodies
 * (bench/src/contract-validation.compare.ts).
 */
export function readContract<Schema extends z.ZodType>(schema: Schema, data: unknown): z.ZodSafeParseResult<z.output<Schema>> {
  const validate = validatorOf(schema);
  if (validate?.(data)) return { success: true, data: data as z.output<Schema> };
  return schema.safeParse(data);
}

/**
 * Compiles the readers of `schemas` now rather than on the first answer each reads: at start-up,
 * where the 5 to 55 ms each takes (the first, ajv's own set-up) delays nobody, not on a first
 * request, where it would hold the event loop while other calls' timeouts run.
 */
export function prepareContracts(...schemas: z.ZodType[]): void {
  for (const schema of schemas) validatorOf(schema);
}
