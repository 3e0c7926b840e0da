import type { ApiError } from '@bff/contracts';
import { request } from 'node:http';

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  /** The raw body, for checks that nothing leaks. */
  text: string;
  durationMs: number;
}

/** One HTTP call as a client makes it; the body is parsed as JSON when it is JSON. */
export async function call<T = unknown>(
  url: string,
  options: { token?: string; headers?: Record<string, string>; method?: string; body?: unknown } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const durationMs = performance.now() - started;
  const isJson = response.headers.get('content-type')?.includes('application/json');
  return { status: response.status, headers: response.headers, body: (isJson ? JSON.parse(text) : text) as T, text, durationMs };
}

/** What every gateway error must look like, whatever the status. */
export function expectApiError(result: HttpResult, status: number, message?: string | RegExp): void {
  expect(result.status).toBe(status);
  const body = result.body as ApiError;
  expect(body).toEqual({
    statusCode: status,
    error: expect.any(String),
    message: message instanceof RegExp ? expect.stringMatching(message) : (message ?? expect.any(String)),
    requestId: result.headers.get('x-request-id'),
  });
  // Nothing internal leaks: no stack frames, no service addresses, no tokens.
  expect(result.text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|127\.0\.0\.1|localhost|eyJ/);
}

/**
 * A JSON POST from a chosen loopback address (127.0.0.2, ...), so that one test can
 * play several clients: the gateway sees each as its own socket address.
 */
export function postFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const outgoing = request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/**
 * A GET from a chosen loopback address (127.0.0.x), so that one test can play several clients
 * (the rate-limit and failed-authentication budgets are per address); through node:http, which
 * binds the local address as fetch cannot.
 */
export function getFrom(localAddress: string, url: string, options: { token?: string; headers?: Record<string, string> } = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { localAddress, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') answerHeaders.set(name, value);
        const body: unknown = response.headers['content-type']?.includes('application/json') ? JSON.parse(text) : text;
        resolve({ status: response.statusCode ?? 0, headers: answerHeaders, body, text, durationMs: performance.now() - started });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
