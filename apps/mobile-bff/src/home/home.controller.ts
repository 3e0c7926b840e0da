import { type HomeData, HomeAggregator } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { CallContext } from '@bff/gateway';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get, Version } from '@nestjs/common';
import { MOBILE_API } from '../mobile-api.versions';
import { MOBILE_HOME_QUERY, type MobileHomeV1, toMobileHomeV1 } from './mobile-home.v1.presenter';
import { type MobileHomeV2, toMobileHomeV2 } from './mobile-home.v2.presenter';

/** The caller's home screen; answers 200 without recommendations when their service is slow or down. One load, one presenter per version. */
@Controller('home')
@Scopes('profile:read')
export class HomeController {
  constructor(private readonly homes: HomeAggregator) {}

  @Get()
  @Version(MOBILE_API.v1)
  async getHomeV1(@CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileHomeV1> {
    return toMobileHomeV1(await this.load(user, context));
  }

  @Get()
  @Version(MOBILE_API.v2)
  async getHomeV2(@CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileHomeV2> {
    return toMobileHomeV2(await this.load(user, context));
  }

  private load(user: AuthenticatedUser, context: DownstreamCallContext): Promise<HomeData> {
    return this.homes.load(user.sub, MOBILE_HOME_QUERY, context);
  }
}
