import { HomeAggregator } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { CallContext } from '@bff/gateway';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get } from '@nestjs/common';
import { MOBILE_HOME_QUERY, type MobileHome, toMobileHome } from './mobile-home.presenter';

@Controller('home')
export class HomeController {
  constructor(private readonly homes: HomeAggregator) {}

  /** The caller's home screen; answers 200 without recommendations when their service is slow or down. */
  @Get()
  @Scopes('profile:read')
  async getHome(@CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileHome> {
    return toMobileHome(await this.homes.load(user.sub, MOBILE_HOME_QUERY, context));
  }
}
