import { ProfileAggregator } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { CallContext } from '@bff/gateway';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get } from '@nestjs/common';
import { toWebProfile, WEB_PROFILE_QUERY, type WebProfile } from './web-profile.presenter';

@Controller('profile')
export class ProfileController {
  constructor(private readonly profiles: ProfileAggregator) {}

  /** The caller's profile with their 10 most recent orders, each item carrying its product. */
  @Get()
  @Scopes('profile:read')
  async getProfile(@CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<WebProfile> {
    return toWebProfile(await this.profiles.load(user.sub, WEB_PROFILE_QUERY, context));
  }
}
