import type * as Swagger from '@nestjs/swagger';

/**
 * The `@Api*` decorators do not call @nestjs/swagger as the controllers load: they queue what they
 * would have applied, and the queue is applied when a document is built. A gateway without
 * documents (production, unless OPENAPI_DOCS) then never loads @nestjs/swagger (about a hundred
 * modules) nor converts a schema to JSON Schema, which was a tenth of its start-up.
 */

/** A swagger decorator, made from the loaded @nestjs/swagger when a document is built. */
export type SwaggerDecoratorFactory = (swagger: typeof Swagger) => MethodDecorator;

interface QueuedDecorator {
  target: object;
  key: string | symbol;
  descriptor: PropertyDescriptor;
  make: SwaggerDecoratorFactory;
}

const queue: QueuedDecorator[] = [];

/**
 * A method decorator that applies `make(swagger)` to the same handler once a document is built.
 * The queue keeps the order the decorators ran in, so that swagger merges their metadata exactly
 * as if they had run then.
 */
export function swaggerDecorator(make: SwaggerDecoratorFactory): MethodDecorator {
  return (target, key, descriptor) => {
    queue.push({ target, key, descriptor, make });
  };
}

/**
 * Applies every queued decorator, once: a class loaded after a document was built (another app
 * in the same process) is applied by the next build.
 */
export function applyQueuedSwaggerDecorators(swagger: typeof Swagger): void {
  for (const { target, key, descriptor, make } of queue.splice(0)) make(swagger)(target, key, descriptor);
}
