import type { IdentityConfig } from '@bff/config';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IDENTITY_CONFIG } from '../identity-config.token';
import { secretsMatch } from '../secrets/secret.compare';
import { AdminAuthenticationError } from './admin-authentication.error';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Lets a request through only with `Authorization: Bearer <IDENTITY_ADMIN_SECRET>`; throws AdminAuthenticationError. */
@Injectable()
export class AdminSecretGuard implements CanActivate {
  constructor(@Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const authorization = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const secret = BEARER.exec(authorization)?.[1];
    if (secret === undefined || !secretsMatch(secret, this.config.adminSecret)) throw new AdminAuthenticationError();
    return true;
  }
}
