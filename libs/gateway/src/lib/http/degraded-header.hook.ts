import type { FastifyInstance } from 'fastify';

export const DEGRADED_HEADER = 'x-degraded';

/**
 * The `degraded` contract in the headers too: a response whose body says
 * `meta.degraded: ["recommendations"]` also carries `X-Degraded: recommendations`,
 * for clients and caches that look only at headers.
 *
 * A Fastify `preSerialization` hook, which sees the handler's body just before it becomes JSON,
 * rather than a Nest interceptor: with any interceptor at all, Nest runs every request through an
 * rxjs pipeline and binds an AsyncResource per handler call (measured in the README's performance
 * section). Call before the routes are registered (that is, before `listen`).
 */
export function addDegradedHeader(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (_request, reply, payload, done) => {
    const degraded = (payload as { meta?: { degraded?: unknown } } | null)?.meta?.degraded;
    if (Array.isArray(degraded) && degraded.length > 0) void reply.header(DEGRADED_HEADER, degraded.join(', '));
    done(null, payload);
  });
}
