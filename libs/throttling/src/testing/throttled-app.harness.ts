import { GatewayMetrics } from '@bff/observability';
import {
  type ArgumentsHost,
  type CanActivate,
  type DynamicModule,
  Catch,
  Controller,
  type ExceptionFilter,
  type ExecutionContext,
  ForbiddenException,
  Get,
  Global,
  Injectable,
  Module,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFailureThrottlerGuard } from '../lib/auth-failure-throttler.guard';
import { GatewayThrottlerGuard } from '../lib/gateway-throttler.guard';
import { RateLimitStoreUnavailableError } from '../lib/rate-limit-store.error';
import { LoginAttempt, NotRateLimited } from '../lib/rate-limit.decorators';
import { ThrottlingModule } from '../lib/throttling.module';
import type { ThrottlingOptions } from '../lib/throttling.options';
import { FakeRateLimitStore } from './rate-limit-store.fake';

@Controller()
class RoutesController {
  @Get('a')
  a() {
    return { route: 'a' };
  }

  @Get('b')
  b() {
    return { route: 'b' };
  }

  @SkipThrottle({ burst: true })
  @Get('no-burst')
  noBurst() {
    return { route: 'no-burst' };
  }

  @NotRateLimited()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Every sign-in fails, as a wrong password does. */
  @LoginAttempt()
  @Post('login')
  login(): never {
    throw new UnauthorizedException('Invalid email or password');
  }
}

/**
 * Stands in for JwtAuthGuard: `Bearer user:<sub>` is a verified user, `Bearer bad` a token that
 * fails verification (401), `Bearer scopeless:<sub>` a verified user without the scope (403); no
 * header, an anonymous caller.
 */
@Injectable()
class FakeAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { sub: string } }>();
    const [kind, sub] = (request.headers.authorization ?? '').replace(/^Bearer /, '').split(':');
    if (kind === 'bad') throw new UnauthorizedException('Invalid or expired token');
    if (kind === 'scopeless') throw new ForbiddenException('The token lacks a scope this request needs');
    if (kind === 'user' && sub) request.user = { sub };
    return true;
  }
}

/** The gateway's filter answers this 503 with Retry-After: 1. */
@Catch(RateLimitStoreUnavailableError)
class StoreUnavailableFilter implements ExceptionFilter {
  catch(error: RateLimitStoreUnavailableError, host: ArgumentsHost): void {
    void host.switchToHttp().getResponse<FastifyReply>().status(503).header('retry-after', '1').send({ statusCode: 503, message: error.message });
  }
}

/** What the gateway's observability module provides to every module. */
@Global()
@Module({})
class MetricsModule {
  static of(metrics: GatewayMetrics): DynamicModule {
    return { module: MetricsModule, providers: [{ provide: GatewayMetrics, useValue: metrics }], exports: [GatewayMetrics] };
  }
}

export interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
}

export interface ThrottledApp {
  store: FakeRateLimitStore;
  metrics: GatewayMetrics;
  /** One request from `from` (a client address). */
  request(path: string, options?: { from?: string; token?: string; method?: 'GET' | 'POST'; body?: object }): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * A Nest app on Fastify with the gateway's guards in the gateway's order (failed-authentication
 * budget, authentication, rate limits) over a FakeRateLimitStore, answering through Fastify's
 * inject, so that a test sees statuses and headers as a client would.
 */
export async function startThrottledApp(options: Partial<ThrottlingOptions> = {}): Promise<ThrottledApp> {
  const store = new FakeRateLimitStore();
  const metrics = new GatewayMetrics('web-bff');
  const throttling: ThrottlingOptions = {
    burst: { ttlMs: 1_000, limit: 3 },
    sustained: { ttlMs: 60_000, limit: 5 },
    login: { ttlMs: 60_000, limit: 2 },
    authFailures: { ttlMs: 60_000, limit: 3 },
    failClosed: true,
    redis: { url: 'redis://unused', keyPrefix: 'test:', timeoutMs: 100 },
    storage: store,
    ...options,
  };
  const moduleRef = await Test.createTestingModule({
    imports: [MetricsModule.of(metrics), ThrottlingModule.forRoot(throttling)],
    controllers: [RoutesController],
    providers: [
      { provide: APP_GUARD, useExisting: AuthFailureThrottlerGuard },
      { provide: APP_GUARD, useClass: FakeAuthGuard },
      { provide: APP_GUARD, useExisting: GatewayThrottlerGuard },
      { provide: APP_FILTER, useClass: StoreUnavailableFilter },
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  return {
    store,
    metrics,
    async request(path, { from = '203.0.113.1', token, method = 'GET', body } = {}) {
      const response = await fastify.inject({
        method,
        url: path,
        remoteAddress: from,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(body ? { payload: body } : {}),
      });
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(response.headers)) headers[name] = value === undefined ? undefined : String(value);
      return { status: response.statusCode, headers };
    },
    close: () => app.close(),
  };
}
