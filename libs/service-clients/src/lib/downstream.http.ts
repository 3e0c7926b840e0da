import type { DownstreamServiceName } from '@bff/config';
import { HttpService } from '@nestjs/axios';
import { Inject, Injectable } from '@nestjs/common';
import { type AxiosResponse, isAxiosError } from 'axios';
import { firstValueFrom } from 'rxjs';
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

export interface DownstreamGet<T> {
  service: DownstreamServiceName;
  /** Path and query, already encoded. */
  path: string;
  /** The contract's schema; a body that does not match is a DownstreamContractError. */
  schema: z.ZodType<T>;
  /** What a 404 means, for the client's message ("user"); omit when 404 breaks the contract. */
  notFound?: string;
  context?: DownstreamCallContext;
}

/**
 * The one place that talks HTTP to the services behind the gateway. Every call
 * gets a hard timeout, the request id, a parsed and typed body, and a named
 * error on failure. Only the typed clients of this lib use it.
 */
@Injectable()
export class DownstreamHttp {
  constructor(
    private readonly http: HttpService,
    @Inject(SERVICE_CLIENTS_OPTIONS) private readonly options: ServiceClientsOptions,
  ) {}

  async get<T>(call: DownstreamGet<T>): Promise<T> {
    const { service } = call;
    const { timeoutMs } = this.options;
    let response: AxiosResponse<unknown>;
    try {
      response = await firstValueFrom(
        this.http.get<unknown>(`${this.options.baseUrls[service]}${call.path}`, {
          headers: call.context?.requestId ? { 'x-request-id': call.context.requestId } : undefined,
          // A hard deadline for the whole exchange; axios's own timeout only watches socket inactivity.
          signal: AbortSignal.timeout(timeoutMs),
          validateStatus: null,
        }),
      );
    } catch (error) {
      throw this.transportFailure(service, timeoutMs, error);
    }
    return this.parse(call, response);
  }

  private parse<T>(call: DownstreamGet<T>, response: AxiosResponse<unknown>): T {
    const { status } = response;
    if (status === 404 && call.notFound) throw new DownstreamNotFoundError(call.service, call.notFound);
    if (status >= 500) throw new DownstreamUnavailableError(call.service, status);
    if (status !== 200) throw new DownstreamContractError(call.service, `unexpected status ${status}`);
    const parsed = call.schema.safeParse(response.data);
    if (!parsed.success) throw new DownstreamContractError(call.service, 'unexpected response body');
    return parsed.data;
  }

  private transportFailure(service: DownstreamServiceName, timeoutMs: number, error: unknown): DownstreamError {
    const timedOut = isAxiosError(error) && (error.code === 'ERR_CANCELED' || error.code === 'ECONNABORTED');
    return timedOut ? new DownstreamTimeoutError(service, timeoutMs) : new DownstreamUnavailableError(service);
  }
}
