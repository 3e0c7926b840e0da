import { ProfileAggregator } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { CallContext } from '@bff/gateway';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get } from '@nestjs/common';
import { MOBILE_PROFILE_QUERY, type MobileProfile, toMobileProfile } from './mobile-profile.presenter';

@Controller('profile')
export class ProfileController {
  constructor(private readonly profiles: ProfileAggregator) {}

  /** The caller's profile, compact: name, avatar and the 5 most recent orders with one thumbnail each. */
  @Get()
  @Scopes('profile:read')
  async getProfile(@CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileProfile> {
    return toMobileProfile(await this.profiles.load(user.sub, MOBILE_PROFILE_QUERY, context));
  }
}
