import { AuthenticationError, AuthorizationError } from '@bff/auth';
import {
  DownstreamCircuitOpenError,
  DownstreamContractError,
  DownstreamNotFoundError,
  DownstreamTimeoutError,
  DownstreamUnavailableError,
  InvalidCredentialsError,
} from '@bff/service-clients';
import { RateLimitStoreUnavailableError, ThrottlerException } from '@bff/throttling';
import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { toHttpError } from './http-error.mapping';

describe('toHttpError', () => {
  it.each([
    [new DownstreamNotFoundError('user', 'user'), 404, 'User not found'],
    [new DownstreamTimeoutError('order', 1000), 504, 'The order service did not answer in time'],
    [new DownstreamTimeoutError('user', 0, 'deadline'), 504, 'The user service did not answer in time'],
    [new DownstreamUnavailableError('order', 500), 502, 'The order service failed'],
    [new DownstreamUnavailableError('catalog'), 502, 'The catalog service failed'],
    [new DownstreamContractError('user', 'unexpected response body'), 502, 'The user service failed'],
    [new InvalidCredentialsError(), 401, 'Invalid email or password'],
    [new AuthorizationError('csrf'), 403, 'Missing or invalid CSRF token'],
    [new AuthorizationError('insufficient_role'), 403, 'The caller lacks a role this request needs'],
    [new ThrottlerException(), 429, 'Too many requests; retry after the time in Retry-After'],
    [new NotFoundException('Cannot GET /api/nope'), 404, 'Cannot GET /api/nope'],
    [new BadRequestException(['limit must be a number', 'cursor is malformed']), 400, 'limit must be a number; cursor is malformed'],
  ])('maps %p to %i', (exception, status, message) => {
    expect(toHttpError(exception)).toEqual({ status, message });
  });

  it('names the missing scope in the challenge', () => {
    expect(toHttpError(new AuthorizationError('insufficient_scope'))).toEqual({
      status: 403,
      message: 'The token lacks a scope this request needs',
      headers: { 'www-authenticate': 'Bearer realm="bff", error="insufficient_scope"' },
    });
  });

  it('answers 503 with Retry-After, the seconds until the circuit lets a call through, when a circuit refuses a call', () => {
    expect(toHttpError(new DownstreamCircuitOpenError('catalog', 4))).toEqual({
      status: 503,
      message: 'The catalog service is unavailable for now; try again shortly',
      headers: { 'retry-after': '4' },
    });
  });

  it('answers 503 with Retry-After when rate limiting fails closed', () => {
    expect(toHttpError(new RateLimitStoreUnavailableError())).toEqual({
      status: 503,
      message: 'Rate limiting is unavailable; try again shortly',
      headers: { 'retry-after': '1' },
    });
  });

  it('challenges a request without a token, and tells a bad token only that it is invalid', () => {
    expect(toHttpError(new AuthenticationError('missing_token'))).toEqual({
      status: 401,
      message: 'Authentication required',
      headers: { 'www-authenticate': 'Bearer realm="bff"' },
    });
    expect(toHttpError(new AuthenticationError('invalid_token'))).toEqual({
      status: 401,
      message: 'Invalid or expired token',
      headers: { 'www-authenticate': 'Bearer realm="bff", error="invalid_token"' },
    });
  });

  it('passes on Fastify’s client errors but hides everything unknown behind a bare 500', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toHttpError(tooLarge)).toEqual({ status: 413, message: 'Request body is too large' });
    const internal = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { statusCode: 503 });
    expect(toHttpError(internal)).toEqual({ status: 500, message: 'Internal server error' });
    expect(toHttpError('thrown string')).toEqual({ status: 500, message: 'Internal server error' });
  });

  it('tells a client whose body is not JSON how to send it, and names Fastify’s router errors in words', () => {
    // As Nest hands a Fastify parser error on: its status and message, without its code.
    expect(toHttpError(new HttpException('Unsupported Media Type', 415))).toEqual({ status: 415, message: 'The body must be JSON: send it with Content-Type: application/json' });
    const tooLong = Object.assign(new Error("'/api/orders/aaaa' is exceeding the max param length"), { statusCode: 414, code: 'FST_ERR_MAX_PARAM_LENGTH' });
    expect(toHttpError(tooLong)).toEqual({ status: 414, message: 'A path parameter is too long (at most 100 characters)' });
  });
});
