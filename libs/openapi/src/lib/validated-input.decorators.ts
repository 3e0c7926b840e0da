import { ValidatedHeader, ZodValidationPipe } from '@bff/request-validation';
import { Body, Param, Query } from '@nestjs/common';
import type { z } from 'zod';
import { ApiPathParams, ApiQuerySchema, ApiRequestBody, ApiRequestHeader } from './openapi.decorators';

/*
 * A route's input stated once: each decorator here is the handler parameter, validated with the
 * schema (a 400 naming every problem, from ZodValidationPipe), and the same schema in the
 * route's OpenAPI operation. The document cannot drift from what the code accepts, since one
 * schema does both.
 */

/** Applies a method decorator to the handler whose parameter is being decorated. */
function onHandler(target: object, key: string | symbol | undefined, decorator: MethodDecorator): void {
  if (key === undefined) throw new Error('A validated input decorator goes on a handler parameter, not a constructor parameter');
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor) throw new Error(`No handler ${String(key)} to document`);
  decorator(target, key, descriptor);
}

/**
 * The JSON body, validated with `schema` and documented as the named schema `name` (as a client
 * may send it). Only a JSON body reaches the pipe: another content type is a 415 before it.
 * @example `create(@ValidBody('PlaceOrder', placeOrderBodySchema) body: PlaceOrder)`
 */
export function ValidBody(name: string, schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodValidationPipe(schema, 'body'))(target, key, index);
    onHandler(target, key, ApiRequestBody(name, schema));
  };
}

/**
 * The query string, validated with an object schema and documented as one parameter per property.
 * @example `list(@ValidQuery(orderPageQuerySchema) query: OrderPageQuery)`
 */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema, 'query'))(target, key, index);
    onHandler(target, key, ApiQuerySchema(schema));
  };
}

/**
 * One path parameter, validated with `schema`; a problem names it (`id: must be ...`).
 * @example `get(@ValidParam('id', orderIdSchema) id: string)`
 */
export function ValidParam(name: string, schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new ZodValidationPipe(schema, name))(target, key, index);
    onHandler(target, key, ApiPathParams({ [name]: schema }));
  };
}

/**
 * A request header, validated with `schema` (required unless the schema accepts it missing) and
 * documented with `description`; a problem names the header.
 * @example `place(@ValidHeader('Idempotency-Key', idempotencyKeyHeaderSchema, 'Makes a retry safe') key: string | undefined)`
 */
export function ValidHeader(name: string, schema: z.ZodType, description: string): ParameterDecorator {
  return (target, key, index) => {
    ValidatedHeader({ name, schema })(target, key, index);
    onHandler(target, key, ApiRequestHeader(name, schema, description));
  };
}
