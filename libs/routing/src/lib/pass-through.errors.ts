import { BadRequestException, HttpException, MethodNotAllowedException, PayloadTooLargeException } from '@nestjs/common';

// Each is a Nest HttpException, so the gateway's one filter answers it with its status and message
// in the one error shape, as it does the framework's own 4xx.

/** The request's path could normalise outside its route's prefix (`..`, encoded slashes, `//`...): never passed on. */
export class PathOutsidePrefixError extends BadRequestException {
  constructor() {
    super('The path is not allowed: no dot segments, encoded slashes or dots, backslashes or empty segments');
    this.name = 'PathOutsidePrefixError';
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
