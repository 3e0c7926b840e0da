import { type ApiError, responseMetaSchema } from '@bff/contracts';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The one error shape (see `ApiError` in @bff/contracts) as a schema, so that the documents can
 * name it for every 4xx and 5xx. Strict: a field the contract does not name is a contract change.
 */
export const apiErrorSchema = z
  .strictObject({
    statusCode: z.number().int().min(400).max(599).describe('The HTTP status, repeated for clients that only keep the body.'),
    error: z.string().describe("The status's reason phrase, e.g. `Bad Gateway`."),
    message: z.string().describe('A sentence for a developer; stable enough to show, not to parse.'),
    requestId: z.string().optional().describe('The request id, as in the `X-Request-Id` response header.'),
  })
  .describe('The one error body of every gateway, whatever went wrong.');

// Both directions, so that the schema and the interface cannot drift apart unnoticed.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const apiErrorSchemaMatchesContract: Same<z.infer<typeof apiErrorSchema>, ApiError> = true;
void apiErrorSchemaMatchesContract;

export const API_ERROR_SCHEMA_NAME = 'ApiError';

/**
 * The named schemas of a gateway's OpenAPI document (`components.schemas`), collected from the
 * `@Api*` decorators as the controllers load. Responses are described as the gateway sends them
 * (zod's output side), request bodies as a client may send them (the input side, before
 * trimming and defaults), hence two registries.
 */
const registries = { response: z.registry<{ id: string }>(), request: z.registry<{ id: string }>() };
const named = new Map<string, z.ZodType>([[API_ERROR_SCHEMA_NAME, apiErrorSchema]]);
registries.response.add(apiErrorSchema, { id: API_ERROR_SCHEMA_NAME });
// The `meta` of every screen: its `degraded` list is a contract of its own (see response-meta.contract.ts).
named.set('ResponseMeta', responseMetaSchema);
registries.response.add(responseMetaSchema, { id: 'ResponseMeta' });

export type SchemaDirection = keyof typeof registries;

/**
 * Names a schema in the document and answers a reference to it. The same schema may be named
 * again under the same name; a name given to two different schemas is a programming error.
 */
export function namedSchema(direction: SchemaDirection, name: string, schema: z.ZodType): ReferenceObject {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`OpenAPI schema name "${name}" must be letters and digits, starting with a letter`);
  const existing = named.get(name);
  if (existing && existing !== schema) throw new Error(`OpenAPI schema name "${name}" is already used for a different schema`);
  if (!existing) {
    named.set(name, schema);
    registries[direction].add(schema, { id: name });
  }
  return schemaRef(name);
}

export const schemaRef = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** An unnamed input schema (a query parameter, a path parameter, a header), as a client may send it. */
export function inputSchema(schema: z.ZodType): SchemaObject {
  return withoutIds(z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' })) as SchemaObject;
}

/** Every named schema, as OpenAPI 3.0 schema objects that refer to each other by `$ref`. */
export function namedSchemaObjects(): Record<string, SchemaObject> {
  const uri = (id: string) => schemaRef(id).$ref;
  const output = z.toJSONSchema(registries.response, { target: 'openapi-3.0', io: 'output', uri });
  const input = z.toJSONSchema(registries.request, { target: 'openapi-3.0', io: 'input', uri });
  const schemas = withoutIds({ ...input.schemas, ...output.schemas }) as Record<string, SchemaObject>;
  return typedNullableRefs(schemas, schemas) as Record<string, SchemaObject>;
}

/**
 * zod writes a nullable named schema as `{ allOf: [{ $ref }], nullable: true }`; OpenAPI 3.0.3 gives
 * `nullable` a meaning only beside a `type`, so the referenced schema's type is repeated there.
 */
function typedNullableRefs(value: unknown, schemas: Record<string, SchemaObject>): unknown {
  if (Array.isArray(value)) return value.map((child) => typedNullableRefs(child, schemas));
  if (value === null || typeof value !== 'object') return value;
  const node = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, typedNullableRefs(child, schemas)])) as SchemaObject;
  const [only, ...others] = node.allOf ?? [];
  if (node.nullable && node.type === undefined && only && others.length === 0 && '$ref' in only) {
    const type = schemas[only.$ref.replace('#/components/schemas/', '')]?.type;
    if (type !== undefined) node.type = type;
  }
  return node;
}

/** zod marks each named schema with `$id` (a JSON Schema keyword that OpenAPI 3.0 does not have). */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '$id' && key !== '$schema')
      .map(([key, child]) => [key, withoutIds(child)]),
  );
}
