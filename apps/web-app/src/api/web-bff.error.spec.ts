import { retryAfterSeconds, toWebBffError } from './web-bff.error';

describe('toWebBffError', () => {
  it('shows web-bff’s own message, status and request id', () => {
    const body = { statusCode: 401, error: 'Unauthorized', message: 'Wrong email or password', requestId: 'req-1' };
    const error = toWebBffError(401, 'Unauthorized', body, 'req-1');
    expect(error.message).toBe('Wrong email or password');
    expect(error.details).toBe('401 Unauthorized · request req-1');
  });

  it('shows a field’s message as it comes', () => {
    const body = { statusCode: 400, error: 'Bad Request', message: 'name: must be 1 to 80 characters', requestId: 'req-3' };
    expect(toWebBffError(400, 'Bad Request', body, null).message).toBe('name: must be 1 to 80 characters');
  });

  it('tells a throttled visitor, in words, how long to wait (Retry-After)', () => {
    const body = { statusCode: 429, error: 'Too Many Requests', message: 'Too many requests; retry after the time in Retry-After', requestId: 'req-4' };
    const error = toWebBffError(429, 'Too Many Requests', body, 'req-4', '12');
    expect(error.message).toBe('Too many requests: try again in 12 s.');
    expect(error.details).toBe('429 Too Many Requests · request req-4');
    expect(toWebBffError(429, 'Too Many Requests', body, null).message).toBe('Too many requests: try again in a moment.');
  });

  it('says when to come back when the service is unavailable for a known time', () => {
    const body = { statusCode: 503, error: 'Service Unavailable', message: 'Rate limiting is unavailable', requestId: 'r' };
    expect(toWebBffError(503, 'Service Unavailable', body, null, '5').message).toBe('Rate limiting is unavailable. Try again in 5 s.');
  });

  it('never shows a piece of JSON as the message', () => {
    const body = { statusCode: 400, error: 'Bad Request', message: 'Unrecognized key: "{"items":[{"productId":"p1"}]}"', requestId: 'req-5' };
    const error = toWebBffError(400, 'Bad Request', body, null);
    expect(error.message).toBe('This could not be sent as it is. Check it and try again.');
    expect(error.details).toBe('400 Bad Request · request req-5');
  });

  it('still says something useful when a proxy answers with a page instead of JSON', () => {
    const error = toWebBffError(502, 'Bad Gateway', undefined, null);
    expect(error.message).toBe('The shop is unavailable right now. Try again in a moment.');
    expect(error.details).toBe('502 Bad Gateway');
  });

  it('takes the request id from the header when the body has none', () => {
    const error = toWebBffError(500, 'Internal Server Error', { oops: true }, 'req-2');
    expect(error.message).toBe('Something went wrong on our side. Try again in a moment.');
    expect(error.details).toBe('500 Internal Server Error · request req-2');
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds, or an HTTP date as the seconds until then', () => {
    expect(retryAfterSeconds('12')).toBe(12);
    expect(retryAfterSeconds('0')).toBe(1);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterSeconds('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});
