import { toWebBffError } from './web-bff.error';

describe('toWebBffError', () => {
  it('shows web-bff’s own message, status and request id', () => {
    const body = { statusCode: 401, error: 'Unauthorized', message: 'Wrong email or password', requestId: 'req-1' };
    const error = toWebBffError(401, 'Unauthorized', body, 'req-1');
    expect(error.message).toBe('Wrong email or password');
    expect(error.details).toBe('401 Unauthorized · request req-1');
  });

  it('still says something useful when a proxy answers with a page instead of JSON', () => {
    const error = toWebBffError(502, 'Bad Gateway', undefined, null);
    expect(error.message).toBe('web-bff answered 502 Bad Gateway');
    expect(error.details).toBe('502 Bad Gateway');
  });

  it('takes the request id from the header when the body has none', () => {
    expect(toWebBffError(500, 'Internal Server Error', { oops: true }, 'req-2').details).toBe('500 Internal Server Error · request req-2');
  });
});
