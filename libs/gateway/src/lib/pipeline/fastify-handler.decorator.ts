import { SetMetadata } from '@nestjs/common';

export const FASTIFY_HANDLER = 'gateway:fastifyHandler';

/**
 * Fastify calls this controller method itself, as the route's handler, with `(request, reply)`:
 * the edge pipeline (request id, headers, deadline, telemetry, admission, authentication,
 * authorization, rate limits) applies as on every route, and Nest's per-request layers (its
 * router context, parameter decorators, pipes and interceptors) are skipped. For a method that
 * answers through the reply itself and needs nothing of those, as a pass-through does. Its
 * errors still reach the gateway's exception filter (through Fastify's error handler). The
 * method keeps `@Req()` and `@Res()`, so that it also runs as an ordinary Nest route in an app
 * that does not compile the pipeline (test harnesses).
 */
export const FastifyHandler = () => SetMetadata(FASTIFY_HANDLER, true);
