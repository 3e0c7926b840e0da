import type { DownstreamServiceName } from '@bff/config';
import { readContract } from '@bff/contracts';
import { type DownstreamOutcome, DownstreamTelemetry } from '@bff/observability';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { requestCancelled, timeLeft } from './call.deadline';
import { firstBreachOf } from './contract.breach';
import { type CredentialPolicy, DEFAULT_CREDENTIALS } from './credential.policy';
import type { DownstreamCallContext } from './downstream-call.context';
import { DownstreamContractError, DownstreamNotFoundError, DownstreamUnavailableError } from './downstream.errors';
import { DownstreamPipeline } from './downstream.pipeline';
import type { OutboundCall } from './outbound.call';
import { RETRY_DEFAULTS, type RetryOptions, SERVICE_CLIENTS_OPTIONS, type ServiceClientsOptions } from './service-clients.options';
import { UpstreamRegistry } from './upstream.registry';

export interface DownstreamCall<T> {
  service: DownstreamServiceName;
  /** @default 'GET' */
  method?: 'GET' | 'POST' | 'PATCH';
  /** Path and query, already encoded. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Makes a POST safe to retry: the service applies a key once (`Idempotency-Key`). */
  idempotencyKey?: string;
  /** The contract's schema; a body that does not match is a DownstreamContractError. */
  schema: z.ZodType<T>;
  /** What a 404 means, for the client's message ("user"); omit when 404 breaks the contract. */
  notFound?: string;
  /** Other 4xx answers the call expects, each turned into the named error it means. */
  rejections?: Partial<Record<number, () => Error>>;
  /**
   * Which identity of the caller the service is sent; the typed client declares what its service needs.
   * @default 'none'
   */
  credentials?: CredentialPolicy;
  context?: DownstreamCallContext;
}

/** A JSON answer as read: the status, and the body when the status carries one. */
interface JsonAnswer {
  status: number;
  data: unknown;
}

/** A retry is not worth starting with less time than this left. */
const MIN_ATTEMPT_MS = 20;
const RETRYABLE_STATUSES = new Set([502, 503, 504]);
/** The answers that carry the body the contract describes: 200, and 201 for what a POST created. */
const SUCCESS_STATUSES = new Set([200, 201]);
const OK: [DownstreamOutcome, number] = ['ok', 200];

/**
 * The typed clients' calls: JSON out, a body parsed with the contract's schema
 * back, and a named error otherwise. Around the outbound pipeline (which
 * gives every attempt its deadline, headers, circuit, span and telemetry) it
 * adds the two things only these calls get: identical GETs of one request run
 * once (`context.inflight`), and idempotent calls are retried on connection
 * errors, 502, 503 and 504 while the deadline, the service's retry budget and
 * the request (its `cancellation`) allow. Only the typed clients of this lib
 * use it.
 */
@Injectable()
export class DownstreamHttp {
  private readonly retry: RetryOptions;

  constructor(
    private readonly pipeline: DownstreamPipeline,
    private readonly registry: UpstreamRegistry,
    @Inject(SERVICE_CLIENTS_OPTIONS) options: ServiceClientsOptions,
    @Optional() private readonly telemetry?: DownstreamTelemetry,
  ) {
    this.retry = options.retry ?? RETRY_DEFAULTS;
  }

  get<T>(call: Omit<DownstreamCall<T>, 'method' | 'body' | 'idempotencyKey'>): Promise<T> {
    const inflight = call.context?.inflight;
    if (!inflight) return this.withRetries(call);
    // The identity sent is part of the question: the same path asked as someone else is another call.
    const key = `${call.service} ${call.credentials ?? DEFAULT_CREDENTIALS} ${call.path}`;
    const shared = inflight.get(key) as Promise<T> | undefined;
    if (shared) return shared;
    const pending = this.withRetries(call);
    inflight.set(key, pending);
    return pending;
  }

  /** Retried only with an `idempotencyKey`: a POST without one may have been applied before it failed. */
  post<T>(call: Omit<DownstreamCall<T>, 'method'>): Promise<T> {
    return this.withRetries({ ...call, method: 'POST' });
  }

  /** Never retried: the gateway cannot know whether a failed attempt was applied. */
  patch<T>(call: Omit<DownstreamCall<T>, 'method' | 'idempotencyKey'>): Promise<T> {
    return this.withRetries({ ...call, method: 'PATCH' });
  }

  private async withRetries<T>(call: DownstreamCall<T>): Promise<T> {
    const idempotent = (call.method ?? 'GET') === 'GET' || call.idempotencyKey !== undefined;
    const attempt = jsonCall(call);
    const budget = this.registry.upstream(call.service).retryBudget;
    budget.recordCall();
    for (let n = 1; ; n++) {
      try {
        return await this.pipeline.send(n === 1 ? attempt : { ...attempt, attempt: n });
      } catch (error) {
        if (!idempotent || n > this.retry.max || !worthRetrying(error) || requestCancelled(call.context)) throw error;
        // Exponential backoff with jitter, so that retries from many requests do not arrive together.
        const delayMs = this.retry.baseDelayMs * 2 ** (n - 1) * (0.5 + Math.random() * 0.5);
        if (timeLeft(call.context) < delayMs + MIN_ATTEMPT_MS) throw error;
        // Last, so that the budget is spent only on retries that would be made.
        const allowed = budget.tryRetry();
        this.telemetry?.retry(call.service, allowed ? 'allowed' : 'refused');
        if (!allowed) throw error;
        await backOff(delayMs, call.context);
        // The request gave up while this one waited: its failure stands, and no retry goes out.
        if (requestCancelled(call.context)) throw error;
      }
    }
  }
}

/** Waits before a retry; ends early when the request gives up on its calls. */
function backOff(delayMs: number, context: DownstreamCallContext | undefined): Promise<void> {
  const cancellation = context?.cancellation;
  if (!cancellation) return sleep(delayMs);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      cancellation.off('cancel', done);
      resolve();
    };
    const timer = setTimeout(done, delayMs);
    cancellation.once('cancel', done);
  });
}

/** The call's first attempt, as the pipeline sends it; a retry differs only in its number. */
function jsonCall<T>(call: DownstreamCall<T>): OutboundCall<JsonAnswer, T> {
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = {};
  if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return {
    service: call.service,
    method: call.method ?? 'GET',
    path: call.path,
    headers,
    body,
    credentials: call.credentials ?? DEFAULT_CREDENTIALS,
    context: call.context,
    attempt: 1,
    receive: readJson,
    accept: (answer) => parse(call, answer),
    outcome: () => OK,
    // A 200 whose body is not JSON breaks the contract; any other failure is the connection's.
    failureOf: (error) => (error instanceof SyntaxError ? new DownstreamContractError(call.service, 'response body is not JSON') : undefined),
  };
}

async function readJson(response: Dispatcher.ResponseData): Promise<JsonAnswer> {
  const status = response.statusCode;
  if (SUCCESS_STATUSES.has(status)) return { status, data: await response.body.json() };
  await response.body.dump();
  return { status, data: undefined };
}

function parse<T>(call: DownstreamCall<T>, { status, data }: JsonAnswer): T {
  if (status === 404 && call.notFound) throw new DownstreamNotFoundError(call.service, call.notFound);
  const rejection = call.rejections?.[status];
  if (rejection) throw rejection();
  if (status >= 500) throw new DownstreamUnavailableError(call.service, status);
  if (!SUCCESS_STATUSES.has(status)) throw new DownstreamContractError(call.service, `unexpected status ${status}`, status);
  const parsed = readContract(call.schema, data);
  if (!parsed.success) throw new DownstreamContractError(call.service, `unexpected response body: ${firstBreachOf(parsed.error)}`);
  return parsed.data;
}

/**
 * Connection errors, 502, 503 and 504; never 4xx, never 500 (the service's own verdict), and never
 * our own timeout: asking a service that is already too slow again only adds to its load.
 */
function worthRetrying(error: unknown): boolean {
  return error instanceof DownstreamUnavailableError && (error.status === undefined || RETRYABLE_STATUSES.has(error.status));
}
