import { BadRequestException, HttpException, MethodNotAllowedException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';

// Each is a Nest HttpException, so the gateway's one filter answers it with its status and message
// in the one error shape, as it does the framework's own 4xx.

/**
 * The request's path could mean different paths to different servers once decoded or normalised
 * (`..`, encoded slashes, `//`, double encoding, `;` parameters...): never passed on.
 */
export class AmbiguousPathError extends BadRequestException {
  constructor() {
    super('The path is not allowed: no dot segments, encoded slashes, backslashes or percent signs, empty segments or ; parameters');
    this.name = 'AmbiguousPathError';
  }
}

/**
 * The path is none of the route's allow-listed paths (or names a service's internal path): the
 * same 404 as a path under no route, so the answer tells nothing of what the service has.
 */
export class RouteNotFoundError extends NotFoundException {
  constructor(method: string) {
    super(`No route forwards ${method} to this path`);
    this.name = 'RouteNotFoundError';
  }
}

/** The route does not pass this method on; the router sets `Allow` before throwing it. */
export class MethodNotAllowedError extends MethodNotAllowedException {
  constructor(method: string, allow: string) {
    super(`${method} is not allowed here; allowed: ${allow}`);
    this.name = 'MethodNotAllowedError';
  }
}

/** The request body is over the route's limit (by its Content-Length, or counted as it streamed). */
export class RequestBodyTooLargeError extends PayloadTooLargeException {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes`);
    this.name = 'RequestBodyTooLargeError';
  }
}

/** The service refused the request (4xx); the client gets its status and, when safe to show, its message. */
export class RoutedRequestRejectedError extends HttpException {
  constructor(status: number, message: string) {
    super(message, status);
    this.name = 'RoutedRequestRejectedError';
  }
}
