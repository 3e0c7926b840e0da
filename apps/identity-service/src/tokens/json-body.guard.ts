import { type CanActivate, type ExecutionContext, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * Lets a request through only with a JSON body (415 otherwise): a form post, which a cross-site page can
 * make without a preflight, never reaches the password check.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const type = context.switchToHttp().getRequest<FastifyRequest>().headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) throw new UnsupportedMediaTypeException('The body must be JSON (content-type: application/json)');
    return true;
  }
}
