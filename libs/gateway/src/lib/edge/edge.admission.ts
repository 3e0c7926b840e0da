import { AdmissionControl, addAdmissionHook, type Refusal } from '@bff/admission';
import type { GatewayConfig } from '@bff/config';
import type { GatewayMetrics } from '@bff/observability';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiErrorBody } from './edge-error.responses';
import { SECURITY_HEADERS } from './security.headers';

const REFUSALS: Record<Refusal, string> = {
  queue_full: 'The gateway is at capacity; retry shortly',
  deadline: 'The gateway is at capacity and could not answer within the deadline; retry shortly',
};

/** Health checks (`/health`, `/health/live`, `/health/ready`) are for load balancers, and must answer however busy the gateway is. */
const exempt = (request: FastifyRequest) => {
  const path = request.url.split('?', 1)[0];
  return path === '/health' || path.startsWith('/health/');
};

/**
 * Overload protection (ADMISSION_*): at most a concurrency limit of requests in flight (adaptive
 * between ADMISSION_MIN_CONCURRENCY and ADMISSION_MAX_CONCURRENCY), the others in a queue of
 * ADMISSION_QUEUE while their deadlines allow; what cannot be answered in time is refused at once
 * with 503 and `Retry-After`. Health is exempt; the limit, the requests in flight and waiting, and
 * the refusals are in `/metrics`. After the hook that sets each request's deadline.
 */
export function addAdmissionControl(fastify: FastifyInstance, config: GatewayConfig, metrics: GatewayMetrics): AdmissionControl | undefined {
  const options = config.admission;
  if (!options) return undefined;
  const control = new AdmissionControl({ ...options });
  metrics.watchAdmission({ limit: () => control.limit, inflight: () => control.inflight, queued: () => control.queued });
  const retryAfter = String(options.retryAfterSeconds);
  addAdmissionHook(fastify, control, {
    exempt,
    deadlineOf: (request) => (request as FastifyRequest & { deadlineAt: number }).deadlineAt,
    refuse: (request, reply, reason) => {
      metrics.admissionRefusals.inc({ reason });
      void reply
        .code(503)
        .headers({ ...SECURITY_HEADERS, 'retry-after': retryAfter })
        .send(apiErrorBody(503, REFUSALS[reason], request.id));
    },
  });
  return control;
}
