import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OidcProviderHost } from './oidc-provider.host';

/** The paths oidc-provider answers itself (its routes are configured under /oauth, see OIDC_ROUTES). */
const PROVIDER_PATHS = ['/oauth/*', '/.well-known/openid-configuration'];

/**
 * Puts oidc-provider (a Koa app) on the Fastify server Nest runs on. Its routes live in a plugin of their
 * own whose only body parser reads nothing, so the request stream reaches the provider untouched, as it
 * expects; the handler hijacks the reply and hands both raw objects over.
 */
@Injectable()
export class OidcRoutesRegistrar implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(OidcProviderHost) private readonly host: OidcProviderHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const handler = (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      this.host.handle(request.raw, reply.raw);
    };
    void fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      for (const url of PROVIDER_PATHS) scope.route({ method: ['GET', 'POST', 'OPTIONS'], url, handler });
    });
  }
}
