import type { DownstreamServiceName } from '@bff/config';
import type { DownstreamOutcome } from '@bff/observability';
import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { type CredentialPolicy, DEFAULT_CREDENTIALS } from './credential.policy';
import type { DownstreamCallContext } from './downstream-call.context';
import { DownstreamUnavailableError } from './downstream.errors';
import { DownstreamPipeline } from './downstream.pipeline';

/** A client's request, already checked and cleaned by the router, to pass on as it is. */
export interface ForwardedRequest {
  service: DownstreamServiceName;
  method: Dispatcher.HttpMethod;
  /** Path and query on the service, already encoded and checked to stay under the route's target. */
  path: string;
  /**
   * The client's headers that the route lets through (the router builds them from its allow-list).
   * The gateway's own (request id, time left, trace, the declared identity) are added here; a
   * copy of any of their names among these is dropped (`GATEWAY_SET_HEADERS`).
   */
  headers: Record<string, string | string[]>;
  /** The request body, streamed as it arrives; a stream error (too large, client gone) ends the call with that error. */
  body?: Readable;
  /** Aborts the call, e.g. when the client has gone away. */
  signal?: AbortSignal;
  context?: DownstreamCallContext;
  /**
   * Which identity of the caller the service is sent, as the route declares it.
   * @default 'none'
   */
  credentials?: CredentialPolicy;
  /**
   * The circuit breaker of the route (`'route /catalog'`), made on first use and apart from the
   * service's own: a caller who makes a route's calls fail opens this one only, never the one the
   * typed clients and readiness use. A name from configuration, never from the request.
   * @default `pass-through ${service}`
   */
  circuit?: string;
}

/** The service's answer: status and headers as they came, the body still streaming. */
export interface ForwardedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

/**
 * Passes a request through to a service without parsing it, for the gateway's
 * pass-through routes: through the same outbound pipeline as the typed
 * clients (pool, gateway headers, deadline, span, telemetry), behind the
 * route's own circuit breaker. The service must send its headers within the
 * smaller of the call timeout and the request's deadline
 * (DownstreamTimeoutError); the body then streams, each gap between chunks at
 * most the call timeout. A 5xx or no answer is a DownstreamUnavailableError
 * and counts against the route's circuit; other statuses are the service's
 * answer and are returned as they are. Never retried: a streamed body cannot
 * be sent twice.
 */
@Injectable()
export class DownstreamForwarder {
  constructor(private readonly pipeline: DownstreamPipeline) {}

  forward(request: ForwardedRequest): Promise<ForwardedResponse> {
    const { service } = request;
    // The body's own failure (over the limit, client gone) is the call's error, not the service's.
    let bodyError: unknown;
    request.body?.once('error', (error) => (bodyError = error));
    return this.pipeline.send({
      service,
      circuit: request.circuit ?? `pass-through ${service}`,
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: request.body,
      credentials: request.credentials ?? DEFAULT_CREDENTIALS,
      context: request.context,
      signal: request.signal,
      attempt: 1,
      receive: headOf,
      accept: (response: ForwardedResponse) => {
        if (response.status >= 500) throw new DownstreamUnavailableError(service, response.status);
        return response;
      },
      outcome: outcomeOf,
      failureOf: () => bodyError,
    });
  }
}

/** The answer's head: the timeout covers the wait for it only; once it is in, the body streams. */
async function headOf(response: Dispatcher.ResponseData): Promise<ForwardedResponse> {
  // A failing service's body is not the client's to see.
  if (response.statusCode >= 500) await response.body.dump();
  return { status: response.statusCode, headers: response.headers, body: response.body };
}

function outcomeOf(response: ForwardedResponse): [DownstreamOutcome, number] {
  return [response.status >= 400 ? '4xx' : 'ok', response.status];
}
