import { type ProfileData, ProfileAggregator } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { CallContext } from '@bff/gateway';
import { ApiResponseSchema, ApiSummary } from '@bff/openapi';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get, Version } from '@nestjs/common';
import { MOBILE_API } from '../mobile-api.versions';
import { MOBILE_PROFILE_QUERY, type MobileProfileV1, mobileProfileV1Schema, toMobileProfileV1 } from './mobile-profile.v1.presenter';
import { type MobileProfileV2, mobileProfileV2Schema, toMobileProfileV2 } from './mobile-profile.v2.presenter';

/** The caller's profile, compact: name, avatar and the 5 most recent orders with one thumbnail each. One load, one presenter per version. */
@Controller('profile')
@Scopes('profile:read')
export class ProfileController {
  constructor(private readonly profiles: ProfileAggregator) {}

  @Get()
  @Version(MOBILE_API.v1)
  @ApiSummary("The caller's profile, compact (money in major units)")
  @ApiResponseSchema('MobileProfileV1', mobileProfileV1Schema)
  async getProfileV1(@CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileProfileV1> {
    return toMobileProfileV1(await this.load(user, context));
  }

  @Get()
  @Version(MOBILE_API.v2)
  @ApiSummary("The caller's profile, compact (money in minor units)")
  @ApiResponseSchema('MobileProfileV2', mobileProfileV2Schema)
  async getProfileV2(@CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileProfileV2> {
    return toMobileProfileV2(await this.load(user, context));
  }

  private load(user: AuthenticatedUser, context: DownstreamCallContext): Promise<ProfileData> {
    return this.profiles.load(user.sub, MOBILE_PROFILE_QUERY, context);
  }
}
