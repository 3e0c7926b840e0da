import type { OpenAPIObject, OperationObject, ParameterObject, PathItemObject } from '@nestjs/swagger';
import { namedSchemaObjects, API_ERROR_SCHEMA_NAME, schemaRef } from './openapi-schema.registry';
import { PASS_THROUGH_EXTENSION } from './pass-through.documentation';

const MALFORMED_INPUT = 'Malformed input (a path parameter, the query, a header or the body); the message names each problem. Nothing reached a service.';
const NOT_JSON = 'The body is not JSON: send it with `Content-Type: application/json`. Nothing reached a service.';

/** The scanned document, narrowed to the client API and completed with what every route shares; keys sorted. */
export function finishDocument(scanned: OpenAPIObject, options: { pathPrefix: string; conditionalGets: boolean }): OpenAPIObject {
  const { pathPrefix } = options;
  const paths = Object.fromEntries(Object.entries(scanned.paths).filter(([path]) => path === pathPrefix || path.startsWith(`${pathPrefix}/`)));
  for (const item of Object.values(paths)) {
    for (const [method, operation] of operationsOf(item)) {
      const passThrough = PASS_THROUGH_EXTENSION in operation;
      const takesInput = operation.requestBody !== undefined || (operation.parameters?.length ?? 0) > 0;
      // A public route says so (no security at all), rather than leaving it to a reader to infer.
      operation.security ??= [];
      if (takesInput && !operation.responses['400']) operation.responses['400'] = apiError(MALFORMED_INPUT);
      // A pass-through streams whatever the client sends; every other body is JSON or a 415.
      if (operation.requestBody !== undefined && !passThrough && !operation.responses['415']) operation.responses['415'] = apiError(NOT_JSON);
      // A pass-through streams the service's answer: no ETag of its own.
      if (options.conditionalGets && method === 'get' && !passThrough) addConditionalGet(operation);
    }
  }
  const schemas = { ...scanned.components?.schemas, ...namedSchemaObjects() };
  return sortedKeys({ ...scanned, paths, components: { ...scanned.components, schemas: referencedOnly(schemas, paths) } }) as OpenAPIObject;
}

const apiError = (description: string) => ({ description, content: { 'application/json': { schema: schemaRef(API_ERROR_SCHEMA_NAME) } } });

/** The named schemas that the paths use, directly or through each other (the registry holds every schema the app named). */
function referencedOnly<T>(schemas: Record<string, T>, paths: unknown): Record<string, T> {
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const name = key === '$ref' && typeof child === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(child)?.[1] : undefined;
      if (name !== undefined && !used.has(name)) {
        used.add(name);
        visit(schemas[name]);
      } else visit(child);
    }
  };
  visit(paths);
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
}

function addConditionalGet(operation: OperationObject): void {
  const ifNoneMatch: ParameterObject = {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'The `ETag` of a 200 this client already has: answered 304 without a body when it is still current.',
    schema: { type: 'string' },
  };
  operation.parameters = [...(operation.parameters ?? []), ifNoneMatch];
  operation.responses['304'] = { description: 'Not Modified: the representation named in `If-None-Match` is still current.' };
  const ok = operation.responses['200'];
  if (ok && !('$ref' in ok)) {
    ok.headers = { ...ok.headers, ETag: { description: 'A weak validator of this body; send it back in `If-None-Match`.', schema: { type: 'string' } } };
  }
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function operationsOf(item: PathItemObject): Array<[string, OperationObject]> {
  return HTTP_METHODS.flatMap((method) => (item[method] ? [[method, item[method]] as [string, OperationObject]] : []));
}

/** Object keys sorted at every level (arrays keep their order), so that the document is stable. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}
