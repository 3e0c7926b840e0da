import { type HomeData, HomeAggregator } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { CallContext } from '@bff/gateway';
import { ApiResponseSchema, ApiSummary } from '@bff/openapi';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get, Version } from '@nestjs/common';
import { MOBILE_API } from '../mobile-api.versions';
import { MOBILE_HOME_QUERY, type MobileHomeV1, mobileHomeV1Schema, toMobileHomeV1 } from './mobile-home.v1.presenter';
import { type MobileHomeV2, mobileHomeV2Schema, toMobileHomeV2 } from './mobile-home.v2.presenter';

/** The caller's home screen; answers 200 without recommendations when their service is slow or down. One load, one presenter per version. */
@Controller('home')
@Scopes('profile:read')
export class HomeController {
  constructor(private readonly homes: HomeAggregator) {}

  @Get()
  @Version(MOBILE_API.v1)
  @ApiSummary("The caller's home screen, compact (money in major units)")
  @ApiResponseSchema('MobileHomeV1', mobileHomeV1Schema)
  async getHomeV1(@CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileHomeV1> {
    return toMobileHomeV1(await this.load(user, context));
  }

  @Get()
  @Version(MOBILE_API.v2)
  @ApiSummary("The caller's home screen, compact (money in minor units)")
  @ApiResponseSchema('MobileHomeV2', mobileHomeV2Schema)
  async getHomeV2(@CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileHomeV2> {
    return toMobileHomeV2(await this.load(user, context));
  }

  private load(user: AuthenticatedUser, context: DownstreamCallContext): Promise<HomeData> {
    return this.homes.load(user.sub, MOBILE_HOME_QUERY, context);
  }
}
