import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ApiErrorResponse } from './openapi.decorators';
import { swaggerDecorator } from './swagger-decorator.queue';

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
            swaggerDecorator(({ ApiOperation }) =>
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
            ),
            swaggerDecorator(({ ApiExtension }) => ApiExtension(PASS_THROUGH_EXTENSION, { service: route.service })),
            swaggerDecorator(({ ApiParam }) =>
              ApiParam({ name: 'path', required: true, description: 'The rest of the path, one or more segments, passed on as written.', schema: { type: 'string' } }),
            ),
            swaggerDecorator(({ ApiResponse }) => ApiResponse({ status: 200, description: `${route.service}-service's answer, passed on as it is.` })),
            swaggerDecorator(({ ApiResponse }) =>
              ApiResponse({ description: `Any other 2xx or 3xx ${route.service}-service answers, passed on as it is; its 4xx in the gateway's error shape.` }),
            ),
            ApiErrorResponse(400, 'A path that would leave the prefix once normalised (`..`, `%2e%2e`, `//`, encoded slashes...); nothing reached the service.'),
            ...(takesBody
              ? [
                  swaggerDecorator(({ ApiBody }) => ApiBody({ required: false, description: `Streamed to the service as it is, up to ${route.maxBodyBytes} bytes.`, schema: {} })),
                  ApiErrorResponse(413, `A body over ${route.maxBodyBytes} bytes.`),
                ]
              : []),
          ]
        : [swaggerDecorator(({ ApiExcludeEndpoint }) => ApiExcludeEndpoint())];
      for (const decorate of decorators) decorate(prototype, key, descriptor);
    }
  };
}
