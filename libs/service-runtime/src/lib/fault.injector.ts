import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** A fault that every request (but the admin routes) suffers while it stands. */
export interface StandingFault {
  /** Answer with this status instead of the real response (400-599). */
  status?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Only the next N requests suffer it. @default every request until cleared */
  times?: number;
}

export const FAULT_HEADERS = { delay: 'x-fault-delay-ms', status: 'x-fault-status' } as const;
const MAX_DELAY_MS = 60_000;

function headerNumber(request: FastifyRequest, name: string, min: number, max: number): number | undefined {
  const raw = request.headers[name];
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

function parseStandingFault(body: unknown): StandingFault | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { status, delayMs, times } = body as Record<string, unknown>;
  const valid = (value: unknown, min: number, max: number) =>
    value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max);
  if (!valid(status, 400, 599) || !valid(delayMs, 0, MAX_DELAY_MS) || !valid(times, 1, 1_000_000)) return undefined;
  return { status: status as number | undefined, delayMs: delayMs as number | undefined, times: times as number | undefined };
}

/**
 * Fault injection for the sample services, so that tests and demos can make a
 * service slow or failing. Per request: headers `x-fault-delay-ms` and
 * `x-fault-status`. Standing: `PUT /_admin/faults {status?, delayMs?, times?}`,
 * cleared by `DELETE /_admin/faults`. `GET /_admin/requests` counts the
 * requests each route received (`{"GET /users/:id": 3}`), which is how tests
 * see retries and batching from the service's side; `DELETE` resets it.
 * `GET /_admin/last-request` shows the method, URL and headers of the last
 * request, which is how tests see what a gateway passes on (and what it drops).
 * Installed only when FAULT_INJECTION=on.
 */
export class FaultInjector {
  private standing: StandingFault | undefined;
  private readonly counts = new Map<string, number>();
  private lastRequest: { method: string; url: string; headers: Record<string, unknown> } | undefined;

  install(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply) => this.onRequest(request, reply));
    fastify.put('/_admin/faults', async (request, reply) => {
      const fault = parseStandingFault(request.body);
      if (!fault) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'expected {status?: 400-599, delayMs?: 0-60000, times?: >= 1}' });
      }
      this.standing = fault;
      return reply.code(204).send();
    });
    fastify.delete('/_admin/faults', async (_request, reply) => {
      this.standing = undefined;
      return reply.code(204).send();
    });
    fastify.get('/_admin/requests', async () => Object.fromEntries(this.counts));
    fastify.get('/_admin/last-request', async (_request, reply) =>
      this.lastRequest ?? reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No request yet' }),
    );
    fastify.delete('/_admin/requests', async (_request, reply) => {
      this.counts.clear();
      return reply.code(204).send();
    });
  }

  private async onRequest(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
    if (route.startsWith('/_admin/') || route === '/health') return;
    const key = `${request.method} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.lastRequest = { method: request.method, url: request.url, headers: { ...request.headers } };

    const standing = this.takeStanding();
    const delayMs = headerNumber(request, FAULT_HEADERS.delay, 0, MAX_DELAY_MS) ?? standing?.delayMs;
    const status = headerNumber(request, FAULT_HEADERS.status, 400, 599) ?? standing?.status;
    if (delayMs) await sleep(delayMs);
    if (status) {
      await reply.code(status).send({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: 'Injected fault' });
    }
  }

  private takeStanding(): StandingFault | undefined {
    const fault = this.standing;
    if (fault?.times !== undefined) {
      this.standing = fault.times > 1 ? { ...fault, times: fault.times - 1 } : undefined;
    }
    return fault;
  }
}
