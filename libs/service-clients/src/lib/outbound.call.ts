import type { DownstreamServiceName } from '@bff/config';
import type { CallSpan, DownstreamOutcome } from '@bff/observability';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { CallDeadline } from './call.deadline';
import type { CredentialPolicy } from './credential.policy';
import type { DownstreamCallContext } from './downstream-call.context';
import type { Upstream } from './upstream.registry';

/**
 * One attempt at a call to a service, as the outbound pipeline sends it: what goes out, and how
 * its kind of call reads the answer. `A` is what is read while the timeout runs (a whole JSON
 * body, or a stream's head), `R` what the caller gets.
 */
export interface OutboundCall<A, R> {
  service: DownstreamServiceName;
  /** A named circuit of its own (a pass-through route's); without one, the service's circuit. */
  circuit?: string;
  method: Dispatcher.HttpMethod;
  /** Path and query on the service, already encoded, without the base URL's path. */
  path: string;
  /** The call's own headers; any of `GATEWAY_SET_HEADERS` among them is dropped. */
  headers?: Readonly<Record<string, string | string[]>>;
  body?: string | Readable;
  /** Which identity of the caller the service is sent. */
  credentials: CredentialPolicy;
  context?: DownstreamCallContext;
  /** Ends the attempt when it aborts (the client has gone); the abort's error is then thrown as it is. */
  signal?: AbortSignal;
  /** 1 for the first try, 2 for the first retry... */
  attempt: number;
  /** Reads the answer while the timeout runs; throws only what the transport throws. */
  receive(response: Dispatcher.ResponseData): Promise<A>;
  /** What was read, as the caller's result or the named error it means; still inside the circuit. */
  accept(answer: A): R;
  /** The telemetry outcome and status of a result. */
  outcome(result: R): [DownstreamOutcome, number | undefined];
  /**
   * The error to throw for a transport failure that this kind of call names itself (a 200 that is
   * not JSON; the request body's own error), or undefined to let the pipeline name it.
   */
  failureOf?(error: unknown): unknown;
}

/** An attempt on its way down the pipeline: the call, and what the steps so far have set up. */
export interface Flight<A, R> {
  readonly call: OutboundCall<A, R>;
  readonly upstream: Upstream;
  /** The path the service is sent: the base URL's path, then the call's. */
  readonly path: string;
  span?: CallSpan;
  /** The attempt is its circuit's half-open probe: it runs on even if its request gives up on it. */
  probe?: boolean;
  deadline?: CallDeadline;
  headers?: Record<string, string | string[]>;
}

/** Sends an attempt on: the next step of the pipeline, or the transport at its end. */
export type Proxy = <A, R>(flight: Flight<A, R>) => Promise<R>;

/** One concern of every outbound call (a span, the circuit, the deadline, the headers), around the rest. */
export type Middleware = (next: Proxy) => Proxy;
