import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type Observable, tap } from 'rxjs';

export const DEGRADED_HEADER = 'x-degraded';

/**
 * The `degraded` contract in the headers too: a response whose body says
 * `meta.degraded: ["recommendations"]` also carries `X-Degraded: recommendations`,
 * for clients and caches that look only at headers.
 */
@Injectable()
export class DegradedInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap((body: unknown) => {
        const degraded = (body as { meta?: { degraded?: unknown } } | null)?.meta?.degraded;
        if (Array.isArray(degraded) && degraded.length > 0) {
          void context.switchToHttp().getResponse<FastifyReply>().header(DEGRADED_HEADER, degraded.join(', '));
        }
      }),
    );
  }
}
