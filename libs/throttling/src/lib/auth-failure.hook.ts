import type { FastifyInstance } from 'fastify';
import type { AuthFailureThrottlerGuard } from './auth-failure-throttler.guard';

/**
 * Counts every 401 and 403 against its client address's budget before the
 * answer leaves (Fastify's `onSend`, which every answer goes through, thrown
 * errors and streamed pass-through answers alike), so that the count is in the
 * store by the time the client can send its next request. Call before
 * `listen`.
 */
export function countAuthFailures(fastify: FastifyInstance, guard: AuthFailureThrottlerGuard): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const counted = guard.countAnswer(request, reply.statusCode);
    if (!counted) return done(null, payload);
    void counted.then(() => done(null, payload));
  });
}
