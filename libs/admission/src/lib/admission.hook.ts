import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdmissionControl, Refusal } from './admission.control';

export interface AdmissionHookOptions {
  /** Requests that never wait nor are refused (health checks). */
  exempt(request: FastifyRequest): boolean;
  /** Epoch milliseconds by which the request must be answered (its deadline from arrival). */
  deadlineOf(request: FastifyRequest): number;
  /** Writes the refusal (a 503 with `Retry-After`, in the gateway's error shape). */
  refuse(request: FastifyRequest, reply: FastifyReply, reason: Refusal): void;
}

/**
 * Puts every request but the exempt ones through `control` in an `onRequest` hook, before its body
 * is read and before any other work: admitted, it goes on; queued, it waits there; refused, it is
 * answered at once. Its place is given back when its response closes, answered or not (a client
 * that leaves while it waits takes no place). Register before the routes and after the hook that
 * sets the deadline.
 */
export function addAdmissionHook(fastify: FastifyInstance, control: AdmissionControl, options: AdmissionHookOptions): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (options.exempt(request)) return done();
    let admittedAt = 0;
    let settled = false;
    const waiting = control.enter({
      deadlineAt: options.deadlineOf(request),
      admit: () => {
        admittedAt = performance.now();
        done();
      },
      refuse: (reason) => {
        settled = true;
        options.refuse(request, reply, reason);
      },
    });
    if (settled) return;
    reply.raw.once('close', () => {
      if (admittedAt > 0) control.leave(performance.now() - admittedAt);
      else if (waiting) control.withdraw(waiting);
    });
  });
}
