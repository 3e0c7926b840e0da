import { workspaceRoot } from '@bff/app-process/launcher';
import type { GatewayAppName } from '@bff/config';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { HttpResult } from './http.client';

/** The parts of an OpenAPI 3.0 document these checks read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}

export interface OpenApiOperation {
  operationId?: string;
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }>;
}

/** Where `npm run openapi` writes a gateway's document. */
export function committedDocumentPath(app: GatewayAppName): string {
  return join(workspaceRoot(), 'docs', 'openapi', `${app}.json`);
}

export function committedDocumentFile(app: GatewayAppName): string {
  return relative(workspaceRoot(), committedDocumentPath(app));
}

export function readCommittedDocument(app: GatewayAppName): { text: string; document: OpenApiDocument } {
  const text = readFileSync(committedDocumentPath(app), 'utf8');
  return { text, document: JSON.parse(text) as OpenApiDocument };
}

/** `GET /api/orders/{id}`: how the document names an operation. */
export type OperationKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

/** The JSON pointers (at most `limit`) where two JSON values differ, for a message a person can act on. */
export function jsonDifferences(expected: unknown, actual: unknown, limit = 15, at = ''): string[] {
  if (Object.is(expected, actual)) return [];
  const bothObjects = typeof expected === 'object' && typeof actual === 'object' && expected !== null && actual !== null;
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual)) return [`${at || '/'}: ${JSON.stringify(expected)?.slice(0, 80)} -> ${JSON.stringify(actual)?.slice(0, 80)}`];
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
  const differences: string[] = [];
  for (const key of keys) {
    if (differences.length >= limit) break;
    const pointer = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    differences.push(...jsonDifferences((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], limit - differences.length, pointer));
  }
  return differences;
}

const SCHEMA_BASE = 'https://contracts.bff.test/';

/**
 * Checks real answers against a gateway's committed OpenAPI document: the status must be one the
 * operation documents, and a JSON body must match that status's schema (ajv, all errors).
 */
export class OpenApiContract {
  private readonly ajv = new Ajv({ allErrors: true, strict: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    readonly app: GatewayAppName,
    readonly document: OpenApiDocument,
  ) {
    addFormats(this.ajv);
    const definitions = Object.fromEntries(Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, toJsonSchema(schema)]));
    this.ajv.addSchema({ $id: SCHEMA_BASE, definitions });
  }

  /** Every operation of the document, as `METHOD /path`. */
  operations(): OperationKey[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}` as OperationKey));
  }

  operation(key: OperationKey): OpenApiOperation {
    const [method, path] = splitKey(key);
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${committedDocumentFile(this.app)} has no operation ${key}`);
    return operation;
  }

  /** The one 2xx status the operation documents. */
  successStatus(key: OperationKey): number {
    const statuses = Object.keys(this.operation(key).responses).filter((status) => /^2\d\d$/.test(status));
    if (statuses.length !== 1) throw new Error(`${key} documents ${statuses.length} success statuses (${statuses.join(', ')}); say which one the case expects`);
    return Number(statuses[0]);
  }

  /** Whether a concrete path (`/api/orders/o42-1?x=1`) is one the operation's template (`/api/orders/{id}`) names. */
  matches(key: OperationKey, url: string): boolean {
    const [, template] = splitKey(key);
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/?#]+')}(\\?.*)?$`);
    return pattern.test(url);
  }

  /** What is wrong with an answer to `key` under the document: an empty list when nothing is. */
  problems(key: OperationKey, result: HttpResult): string[] {
    const operation = this.operation(key);
    const documented = operation.responses[String(result.status)] ?? operation.responses['default'];
    if (!documented) return [`answered ${result.status}, which ${key} does not document (it documents ${Object.keys(operation.responses).join(', ')})`];
    if (result.status === 204 || result.status === 304) return result.text === '' ? [] : [`answered ${result.status} with a body`];
    const schema = documented.content?.['application/json']?.schema;
    // No schema: the body is someone else's (a pass-through passes the service's answer on as it is).
    if (schema === undefined) return [];
    const contentType = result.headers.get('content-type') ?? '';
    if (!contentType.startsWith('application/json')) return [`answered ${result.status} as ${contentType || 'no content type'}, not application/json`];
    const validate = this.validatorFor(`${key} ${result.status}`, schema);
    const problems = validate(result.body) ? [] : (validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`);
    for (const header of Object.keys(documented.headers ?? {})) {
      if (!result.headers.has(header)) problems.push(`answered ${result.status} without the documented ${header} header`);
    }
    return problems;
  }

  private validatorFor(id: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(id);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.validators.set(id, validate);
    }
    return validate;
  }
}

function splitKey(key: OperationKey): [string, string] {
  const [method = '', path = ''] = key.split(' ');
  return [method, path];
}

/**
 * An OpenAPI 3.0 schema object as JSON Schema (draft-07, which ajv speaks): `nullable: true` becomes
 * "or null", draft-04's boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers, and references
 * to `#/components/schemas/X` point into the definitions registered with ajv.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, exclusiveMinimum, exclusiveMaximum, minimum, maximum, $ref, ...rest } = schema as Record<string, unknown>;
  const converted: Record<string, unknown> = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  if (typeof $ref === 'string') converted['$ref'] = $ref.replace('#/components/schemas/', `${SCHEMA_BASE}#/definitions/`);
  if (minimum !== undefined) converted[exclusiveMinimum === true ? 'exclusiveMinimum' : 'minimum'] = minimum;
  if (maximum !== undefined) converted[exclusiveMaximum === true ? 'exclusiveMaximum' : 'maximum'] = maximum;
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}
