import type { DownstreamServiceName } from '@bff/config';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'undici';
import type { z } from 'zod';
import type { DownstreamCallContext } from './downstream-call.context';
import {
  DownstreamContractError,
  type DownstreamError,
  DownstreamNotFoundError,
  DownstreamTimeoutError,
  DownstreamUnavailableError,
} from './downstream.errors';
import { SERVICE_CLIENTS_OPTIONS, type ServiceClientsOptions } from './service-clients.options';

export interface DownstreamCall<T> {
  service: DownstreamServiceName;
  /** @default 'GET' */
  method?: 'GET' | 'POST';
  /** Path and query, already encoded. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** The contract's schema; a body that does not match is a DownstreamContractError. */
  schema: z.ZodType<T>;
  /** What a 404 means, for the client's message ("user"); omit when 404 breaks the contract. */
  notFound?: string;
  /** Other 4xx answers the call expects, each turned into the named error it means. */
  rejections?: Partial<Record<number, () => Error>>;
  context?: DownstreamCallContext;
}

/**
 * Open connections kept per service; calls beyond it queue. Sized for the
 * fan-out of many concurrent screens (3-4 calls each), not for one.
 */
const CONNECTIONS_PER_SERVICE = 256;

interface Upstream {
  pool: Pool;
  /** The base URL's path (e.g. `/v1`), prefixed to every call's path. */
  basePath: string;
}

/**
 * The one place that talks HTTP to the services behind the gateway. Every call
 * gets a hard timeout, the request id, a parsed and typed body, and a named
 * error on failure. Only the typed clients of this lib use it.
 *
 * Transport: one undici keep-alive pool per service. @nestjs/axios was the
 * first choice; under the benchmark axios and node:http's client took over a
 * fifth of web-bff's CPU (see the README's performance section), so the
 * transport is undici, behind this one class.
 */
@Injectable()
export class DownstreamHttp implements OnModuleDestroy {
  private readonly upstreams: Record<DownstreamServiceName, Upstream>;
  private readonly timeoutMs: number;

  constructor(@Inject(SERVICE_CLIENTS_OPTIONS) options: ServiceClientsOptions) {
    this.timeoutMs = options.timeoutMs;
    const upstream = (baseUrl: string): Upstream => {
      const url = new URL(baseUrl);
      return {
        pool: new Pool(url.origin, { connections: CONNECTIONS_PER_SERVICE, keepAliveTimeout: 60_000 }),
        basePath: url.pathname.replace(/\/+$/, ''),
      };
    };
    this.upstreams = {
      user: upstream(options.baseUrls.user),
      order: upstream(options.baseUrls.order),
      catalog: upstream(options.baseUrls.catalog),
      recommendation: upstream(options.baseUrls.recommendation),
      identity: upstream(options.baseUrls.identity),
    };
  }

  get<T>(call: Omit<DownstreamCall<T>, 'method' | 'body'>): Promise<T> {
    return this.request(call);
  }

  post<T>(call: Omit<DownstreamCall<T>, 'method'>): Promise<T> {
    return this.request({ ...call, method: 'POST' });
  }

  private async request<T>(call: DownstreamCall<T>): Promise<T> {
    const { service } = call;
    const { pool, basePath } = this.upstreams[service];
    // A hard deadline for the whole exchange, body included.
    const signal = AbortSignal.timeout(this.timeoutMs);
    let status: number;
    let data: unknown;
    try {
      const response = await pool.request({
        method: call.method ?? 'GET',
        path: `${basePath}${call.path}`,
        headers: this.headersFor(call),
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal,
      });
      status = response.statusCode;
      if (status === 200) data = await response.body.json();
      else await response.body.dump();
    } catch (error) {
      throw this.transportFailure(service, signal.aborted, error);
    }
    return this.parse(call, status, data);
  }

  /** Only what the gateway itself vouches for: nothing the client sent is passed on by default. */
  private headersFor(call: DownstreamCall<unknown>): Record<string, string> {
    const headers: Record<string, string> = {};
    const { context } = call;
    if (context?.requestId) headers['x-request-id'] = context.requestId;
    if (context?.userId) headers['x-user-id'] = context.userId;
    if (context?.accessToken) headers['authorization'] = `Bearer ${context.accessToken}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(Object.values(this.upstreams).map(({ pool }) => pool.close()));
  }

  private parse<T>(call: DownstreamCall<T>, status: number, data: unknown): T {
    if (status === 404 && call.notFound) throw new DownstreamNotFoundError(call.service, call.notFound);
    const rejection = call.rejections?.[status];
    if (rejection) throw rejection();
    if (status >= 500) throw new DownstreamUnavailableError(call.service, status);
    if (status !== 200) throw new DownstreamContractError(call.service, `unexpected status ${status}`, status);
    const parsed = call.schema.safeParse(data);
    if (!parsed.success) throw new DownstreamContractError(call.service, 'unexpected response body');
    return parsed.data;
  }

  private transportFailure(service: DownstreamServiceName, timedOut: boolean, error: unknown): DownstreamError {
    if (timedOut) return new DownstreamTimeoutError(service, this.timeoutMs);
    // A 200 whose body is not JSON breaks the contract; anything else is a connection that failed.
    if (error instanceof SyntaxError) return new DownstreamContractError(service, 'response body is not JSON');
    return new DownstreamUnavailableError(service);
  }
}
