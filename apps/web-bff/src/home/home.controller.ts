import { HomeAggregator } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { CallContext } from '@bff/gateway';
import { ApiResponseSchema, ApiSummary } from '@bff/openapi';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get } from '@nestjs/common';
import { toWebHome, WEB_HOME_QUERY, type WebHome, webHomeSchema } from './web-home.presenter';

@Controller('home')
export class HomeController {
  constructor(private readonly homes: HomeAggregator) {}

  /** The caller's home screen; answers 200 without recommendations when their service is slow or down. */
  @Get()
  @Scopes('profile:read')
  @ApiSummary("The caller's home screen")
  @ApiResponseSchema('WebHome', webHomeSchema)
  async getHome(@CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<WebHome> {
    return toWebHome(await this.homes.load(user.sub, WEB_HOME_QUERY, context));
  }
}
