import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger';
import type { z } from 'zod';
import { API_ERROR_SCHEMA_NAME, inputSchema, namedSchema, schemaRef } from './openapi-schema.registry';
import { swaggerDecorator } from './swagger-decorator.queue';

/*
 * The `@Api*` decorators of the gateways' controllers: each takes the zod schema the code already
 * validates or presents with, so that the published document is generated from the code and
 * cannot say something else. What every route shares (authentication, rate limits, the 5xx
 * answers, 400 for malformed input) is added by `serveOpenApiDocs`, not written per route. A
 * route's input is better stated with the decorators of validated-input.decorators.ts, which
 * validate and document with one schema. They reach @nestjs/swagger only when a document is
 * built (see swagger-decorator.queue.ts); a name clash or a bad status still throws as the
 * controller loads.
 */

/**
 * The success body of a route: a named schema (a `components.schemas` entry that typed clients
 * turn into a type). Give the HTTP status when it is not 200.
 * @example `@ApiResponseSchema('WebOrderPage', webOrderPageSchema)`
 */
export function ApiResponseSchema(name: string, schema: z.ZodType, options: { status?: number; description?: string } = {}): MethodDecorator {
  const status = options.status ?? 200;
  const reference = namedSchema('response', name, schema);
  return swaggerDecorator(({ ApiResponse }) => ApiResponse({ status, description: options.description ?? (status === 201 ? 'Created' : 'OK'), schema: reference }));
}

/** A success that has no body (204). */
export function ApiEmptyResponse(description: string): MethodDecorator {
  return swaggerDecorator(({ ApiResponse }) => ApiResponse({ status: 204, description }));
}

/**
 * An error this route answers beyond the ones every route can (those are added for all), with
 * what it means here. The body is the one error shape, `ApiError`.
 * @example `@ApiErrorResponse(404, 'No order with this id belongs to the caller')`
 */
export function ApiErrorResponse(status: number, description: string): MethodDecorator {
  if (status < 400 || status > 599) throw new Error(`ApiErrorResponse(${status}): not an error status`);
  return swaggerDecorator(({ ApiResponse }) => ApiResponse({ status, description, schema: schemaRef(API_ERROR_SCHEMA_NAME) }));
}

/** The JSON request body, validated with this schema (a named schema, documented as a client may send it). */
export function ApiRequestBody(name: string, schema: z.ZodType): MethodDecorator {
  const reference = namedSchema('request', name, schema);
  return swaggerDecorator(({ ApiBody }) => ApiBody({ required: true, schema: reference }));
}

/** The query string, validated with this object schema: one parameter per property. */
export function ApiQuerySchema(schema: z.ZodObject): MethodDecorator {
  return swaggerDecorator(({ ApiQuery }) => {
    const { properties = {}, required = [] } = inputSchema(schema);
    return applyDecorators(
      ...Object.entries(properties).map(([name, property]) => {
        const { description, ...propertySchema } = property as SchemaObject;
        return ApiQuery({ name, required: required.includes(name), schema: propertySchema, ...(description ? { description } : {}) });
      }),
    );
  });
}

/** Path parameters, each validated with its schema. */
export function ApiPathParams(params: Record<string, z.ZodType>): MethodDecorator {
  return swaggerDecorator(({ ApiParam }) =>
    applyDecorators(
      ...Object.entries(params).map(([name, schema]) => {
        const { description, ...paramSchema } = inputSchema(schema);
        return ApiParam({ name, required: true, schema: paramSchema, ...(description ? { description } : {}) });
      }),
    ),
  );
}

/** A request header validated with this schema; required unless the schema accepts it missing. */
export function ApiRequestHeader(name: string, schema: z.ZodType, description: string): MethodDecorator {
  return swaggerDecorator(({ ApiHeader }) => {
    const required = !schema.safeParse(undefined).success;
    // The header's own description says it; the schema's would repeat it.
    const headerSchema = { ...inputSchema(schema) };
    delete headerSchema.description;
    return ApiHeader({ name, required, schema: headerSchema, description });
  });
}

/** One line on what the route is for (the document's `summary`), and more when it helps. */
export function ApiSummary(summary: string, description?: string): MethodDecorator {
  return swaggerDecorator(({ ApiOperation }) => ApiOperation({ summary, ...(description ? { description } : {}) }));
}

export const NO_SERVICE_CALLS = 'openapi:noServiceCalls';

/** A route that answers without calling any service: its document names no 502 or 504. */
export const ApiNoServiceCalls = (): MethodDecorator => SetMetadata(NO_SERVICE_CALLS, true);

/** A route left out of the document (a browser navigation, a provider's callback), as swagger's `@ApiExcludeEndpoint()`. */
export function ApiExcludedRoute(): MethodDecorator {
  return swaggerDecorator(({ ApiExcludeEndpoint }) => ApiExcludeEndpoint());
}
