import type { DownstreamServiceName } from '@bff/config';

/**
 * A call to a service behind the gateway failed. Messages name the service
 * by its logical name, never by URL, so they are safe to log and to map.
 */
export abstract class DownstreamError extends Error {
  constructor(
    readonly service: DownstreamServiceName,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The service did not answer within its timeout, or the request's deadline left no time to ask, or
 * cut the call shorter than its timeout (then the service may be healthy: the request came late).
 */
export class DownstreamTimeoutError extends DownstreamError {
  constructor(
    service: DownstreamServiceName,
    readonly timeoutMs: number,
    /** `timeout`: the call's own limit (counts toward its circuit); `deadline`: the request's time ran out first (does not). */
    readonly reason: 'timeout' | 'deadline' = 'timeout',
  ) {
    super(service, timeoutOf(service, timeoutMs, reason));
  }
}

function timeoutOf(service: DownstreamServiceName, timeoutMs: number, reason: 'timeout' | 'deadline'): string {
  if (reason === 'timeout') return `${service} service did not answer within ${timeoutMs} ms`;
  return timeoutMs > 0 ? `${service} service did not answer in the ${timeoutMs} ms the request had left` : `no time left to ask the ${service} service`;
}

/**
 * The call's circuit refused it: open (the service failed too often lately, so no call goes out for
 * now) or half-open (one probe is finding out whether it is back, and only that one goes out).
 */
export class DownstreamCircuitOpenError extends DownstreamError {
  constructor(
    service: DownstreamServiceName,
    /** Whole seconds until the circuit lets a call through again (at least 1): the answer's `Retry-After`. */
    readonly retryAfterSeconds = 1,
  ) {
    super(service, `${service} service circuit is open`);
  }
}

/**
 * The request no longer needs the call's answer (a required part of its screen failed, so the answer
 * is already decided): the call was ended, or never made. Not the service's failure.
 */
export class DownstreamCancelledError extends DownstreamError {
  constructor(service: DownstreamServiceName) {
    super(service, `the request no longer needs the ${service} service's answer`);
  }
}

/** The service answered 5xx, or could not be reached at all. */
export class DownstreamUnavailableError extends DownstreamError {
  constructor(
    service: DownstreamServiceName,
    /** The status it answered, or undefined when no answer came (refused, reset). */
    readonly status?: number,
  ) {
    super(service, status ? `${service} service answered ${status}` : `${service} service is unreachable`);
  }
}

/** The service says the thing asked for does not exist (404). */
export class DownstreamNotFoundError extends DownstreamError {
  constructor(
    service: DownstreamServiceName,
    /** What was looked for, for the client's message: "user", "order"... */
    readonly resource: string,
  ) {
    super(service, `${resource} not found`);
  }
}

/**
 * The service answered something the contract does not allow: an unexpected status or body. Not an
 * outage: it does not count against the circuit (the service answers, wrongly), and it is counted in
 * a metric of its own.
 */
export class DownstreamContractError extends DownstreamError {
  constructor(
    service: DownstreamServiceName,
    /** What was wrong, safe to log (field paths and zod's messages, never a value): `unexpected response body: body.id: ...`. */
    readonly detail: string,
    /** The status it answered, when that was the problem. */
    readonly status?: number,
  ) {
    super(service, `${service} service broke its contract: ${detail}`);
  }
}

/** identity-service refused the email and password. */
export class InvalidCredentialsError extends Error {
  constructor() {
    super('Invalid email or password');
    this.name = 'InvalidCredentialsError';
  }
}

/** A page cursor the client sent is not one the gateway handed out (or its position is gone). */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not valid; start again from the first page');
    this.name = 'InvalidCursorError';
  }
}

/** order-service refused an order because an item names a product that does not exist. */
export class UnknownProductError extends Error {
  constructor() {
    super('An item names a product that does not exist');
    this.name = 'UnknownProductError';
  }
}

/** order-service refused an order because its Idempotency-Key was already used for a different one. */
export class IdempotencyKeyConflictError extends Error {
  constructor() {
    super('This Idempotency-Key was already used for a different order; use a new key for a new order');
    this.name = 'IdempotencyKeyConflictError';
  }
}
