import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordedRequest, type RecordedRequest } from './recorded.request';

/** A fault that every request (but the admin and health routes) suffers while it stands. */
export interface StandingFault {
  /** Answer with this status instead of the real response (400-599). */
  status?: number;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Only the next N requests suffer it. @default every request until cleared */
  times?: number;
  /**
   * Only requests to this route suffer it (and count against `times`), named as
   * `GET /_admin/requests` names them: `GET /products/:id`. @default every route
   */
  route?: string;
}

const MAX_DELAY_MS = 60_000;
const ROUTE_KEY = /^(GET|HEAD|POST|PUT|PATCH|DELETE) \/\S{0,200}$/;

function parseStandingFault(body: unknown): StandingFault | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { status, delayMs, times, route, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return undefined;
  const valid = (value: unknown, min: number, max: number) =>
    value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max);
  if (!valid(status, 400, 599) || !valid(delayMs, 0, MAX_DELAY_MS) || !valid(times, 1, 1_000_000)) return undefined;
  if (route !== undefined && (typeof route !== 'string' || !ROUTE_KEY.test(route))) return undefined;
  return { status: status as number | undefined, delayMs: delayMs as number | undefined, times: times as number | undefined, route };
}

/** The service's own routes, which neither count nor suffer faults. */
function isInternal(route: string): boolean {
  return route.startsWith('/_admin/') || route.startsWith('/health');
}

/**
 * Fault injection for the sample services, so that tests and demos can make a
 * service slow or failing. Installed only when FAULT_INJECTION=on: otherwise
 * its routes do not exist (404). Standing faults only, set by whoever can reach
 * the service's own port: `PUT /_admin/faults {status?, delayMs?, times?, route?}`,
 * cleared by `DELETE /_admin/faults` (no request header can ask for a fault, so
 * no client can cause one through a gateway). `GET /_admin/requests` counts the
 * requests each route received (`{"GET /users/:id": 3}`), which is how tests
 * see retries and batching from the service's side; `DELETE` resets it.
 * `GET /_admin/last-request` shows the method, URL and headers of the last
 * request, which is how tests see what a gateway passes on (and what it drops):
 * every header by name, its value only when it is not a credential (see
 * recordedRequest), so that it can never hand one caller's token to another.
 */
export class FaultInjector {
  private standing: StandingFault | undefined;
  private readonly counts = new Map<string, number>();
  private lastRequest: RecordedRequest | undefined;

  install(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply) => this.onRequest(request, reply));
    fastify.put('/_admin/faults', async (request, reply) => {
      const fault = parseStandingFault(request.body);
      if (!fault) {
        return reply.code(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: 'expected {status?: 400-599, delayMs?: 0-60000, times?: >= 1, route?: "GET /products/:id"}',
        });
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
    if (isInternal(route)) return;
    const key = `${request.method} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.lastRequest = recordedRequest(request.method, request.url, request.headers);

    const fault = this.takeStanding(key);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status) {
      await reply.code(fault.status).send({ statusCode: fault.status, error: STATUS_CODES[fault.status] ?? 'Error', message: 'Injected fault' });
    }
  }

  private takeStanding(key: string): StandingFault | undefined {
    const fault = this.standing;
    if (fault?.route !== undefined && fault.route !== key) return undefined;
    if (fault?.times !== undefined) {
      this.standing = fault.times > 1 ? { ...fault, times: fault.times - 1 } : undefined;
    }
    return fault;
  }
}
