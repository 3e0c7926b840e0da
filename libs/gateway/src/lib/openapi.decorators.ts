import { applyDecorators, RequestMethod, SetMetadata } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import {
  ApiBody,
  ApiExcludeEndpoint,
  ApiExtension,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  type SchemaObject,
} from '@nestjs/swagger';
import type { z } from 'zod';
import { API_ERROR_SCHEMA_NAME, inputSchema, namedSchema, schemaRef } from './openapi-schema.registry';

/*
 * The `@Api*` decorators of the gateways' controllers: each takes the zod schema the code already
 * validates or presents with, so that the published document is generated from the code and
 * cannot say something else. What every route shares (authentication, rate limits, the 5xx
 * answers, 400 for malformed input) is added by `serveOpenApiDocs`, not written per route.
 */

/**
 * The success body of a route: a named schema (a `components.schemas` entry that typed clients
 * turn into a type). Give the HTTP status when it is not 200.
 * @example `@ApiResponseSchema('WebOrderPage', webOrderPageSchema)`
 */
export function ApiResponseSchema(name: string, schema: z.ZodType, options: { status?: number; description?: string } = {}): MethodDecorator {
  const status = options.status ?? 200;
  return ApiResponse({ status, description: options.description ?? (status === 201 ? 'Created' : 'OK'), schema: namedSchema('response', name, schema) });
}

/** A success that has no body (204). */
export function ApiEmptyResponse(description: string): MethodDecorator {
  return ApiResponse({ status: 204, description });
}

/**
 * An error this route answers beyond the ones every route can (those are added for all), with
 * what it means here. The body is the one error shape, `ApiError`.
 * @example `@ApiErrorResponse(404, 'No order with this id belongs to the caller')`
 */
export function ApiErrorResponse(status: number, description: string): MethodDecorator {
  if (status < 400 || status > 599) throw new Error(`ApiErrorResponse(${status}): not an error status`);
  return ApiResponse({ status, description, schema: schemaRef(API_ERROR_SCHEMA_NAME) });
}

/** The JSON request body, validated with this schema (a named schema, documented as a client may send it). */
export function ApiRequestBody(name: string, schema: z.ZodType): MethodDecorator {
  return ApiBody({ required: true, schema: namedSchema('request', name, schema) });
}

/** The query string, validated with this object schema: one parameter per property. */
export function ApiQuerySchema(schema: z.ZodObject): MethodDecorator {
  const { properties = {}, required = [] } = inputSchema(schema);
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) => {
      const { description, ...propertySchema } = property as SchemaObject;
      return ApiQuery({ name, required: required.includes(name), schema: propertySchema, ...(description ? { description } : {}) });
    }),
  );
}

/** Path parameters, each validated with its schema. */
export function ApiPathParams(params: Record<string, z.ZodType>): MethodDecorator {
  return applyDecorators(
    ...Object.entries(params).map(([name, schema]) => {
      const { description, ...paramSchema } = inputSchema(schema);
      return ApiParam({ name, required: true, schema: paramSchema, ...(description ? { description } : {}) });
    }),
  );
}

/** A request header validated with this schema; required unless the schema accepts it missing. */
export function ApiRequestHeader(name: string, schema: z.ZodType, description: string): MethodDecorator {
  const required = !schema.safeParse(undefined).success;
  // The header's own description says it; the schema's would repeat it.
  const headerSchema = { ...inputSchema(schema) };
  delete headerSchema.description;
  return ApiHeader({ name, required, schema: headerSchema, description });
}

/** One line on what the route is for (the document's `summary`), and more when it helps. */
export function ApiSummary(summary: string, description?: string): MethodDecorator {
  return ApiOperation({ summary, ...(description ? { description } : {}) });
}

export const NO_SERVICE_CALLS = 'openapi:noServiceCalls';

/** A route that answers without calling any service: its document names no 502 or 504. */
export const ApiNoServiceCalls = (): MethodDecorator => SetMetadata(NO_SERVICE_CALLS, true);

/** What the document says of a pass-through route (a `PassThroughRoute` of @bff/routing, which depends on this lib). */
export interface PassThroughDocumentation {
  prefix: string;
  service: string;
  target: string;
  methods: readonly string[];
  maxBodyBytes: number;
}

export const PASS_THROUGH_EXTENSION = 'x-pass-through';

/**
 * Documents a pass-through controller (one handler per HTTP method, each mapped to `*`): the
 * methods the route passes on, under `/api<prefix>/{path}`, marked `x-pass-through` with the
 * service; the others (which answer 405) are left out. The success body is the service's own,
 * so the document describes no schema for it; the gateway's own errors are `ApiError` as anywhere.
 */
export function ApiPassThrough(route: PassThroughDocumentation): ClassDecorator {
  return (controller) => {
    const prototype = controller.prototype as Record<string, unknown>;
    const name = route.prefix.split(/[/-]/).filter(Boolean).map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
    for (const key of Object.getOwnPropertyNames(prototype).filter((property) => property !== 'constructor')) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, descriptor?.value ?? {}) as RequestMethod | undefined;
      if (!descriptor || requestMethod === undefined) continue;
      const method = RequestMethod[requestMethod];
      const passedOn = route.methods.includes(method);
      const takesBody = method !== 'GET' && method !== 'DELETE';
      const decorators = passedOn
        ? [
            ApiOperation({
              operationId: `${name}PassThrough_${method.toLowerCase()}`,
              summary: `Passed through to ${route.service}-service`,
              description:
                `\`${method} /api${route.prefix}/{path}\` goes to ${route.service}-service \`${method} ${route.target === '/' ? '' : route.target}/{path}\` with the query as written, ` +
                "and a successful answer (2xx, 3xx) comes back as it is (status, body, content type): see that service's contract. " +
                "The service's 4xx come back with their status in the gateway's error shape; its 5xx, or no answer, are a 502; " +
                'no answer within the deadline a 504; an open circuit a 503. Methods the route does not list answer 405 with `Allow`. ' +
                'The gateway adds authentication, rate limits, the request id, the deadline and the circuit breaker.',
            }),
            ApiExtension(PASS_THROUGH_EXTENSION, { service: route.service }),
            ApiParam({ name: 'path', required: true, description: 'The rest of the path, one or more segments, passed on as written.', schema: { type: 'string' } }),
            ApiResponse({ status: 200, description: `${route.service}-service's answer, passed on as it is.` }),
            ApiResponse({ description: `Any other 2xx or 3xx ${route.service}-service answers, passed on as it is; its 4xx in the gateway's error shape.` }),
            ApiErrorResponse(400, 'A path that would leave the prefix once normalised (`..`, `%2e%2e`, `//`, encoded slashes...); nothing reached the service.'),
            ...(takesBody
              ? [
                  ApiBody({ required: false, description: `Streamed to the service as it is, up to ${route.maxBodyBytes} bytes.`, schema: {} }),
                  ApiErrorResponse(413, `A body over ${route.maxBodyBytes} bytes.`),
                ]
              : []),
          ]
        : [ApiExcludeEndpoint()];
      for (const decorate of decorators) decorate(prototype, key, descriptor);
    }
  };
}
