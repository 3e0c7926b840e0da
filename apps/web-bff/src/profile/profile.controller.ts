import { ProfileAggregator, ProfileEditor } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { type User, userSchema } from '@bff/contracts';
import { CallContext } from '@bff/gateway';
import { ApiResponseSchema, ApiSummary, ValidBody, ValidQuery } from '@bff/openapi';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get, Patch } from '@nestjs/common';
import { type ProfileQuery, profileQuerySchema, type ProfileUpdateBody, profileUpdateBodySchema } from './profile.request';
import { toWebProfile, type WebProfile, webProfileQuery, webProfileSchema } from './web-profile.presenter';

@Controller('profile')
export class ProfileController {
  constructor(
    private readonly profiles: ProfileAggregator,
    private readonly editor: ProfileEditor,
  ) {}

  /** The caller's profile with their most recent orders (`?orders=`, 10 by default), each item carrying its product. */
  @Get()
  @Scopes('profile:read')
  @ApiSummary("The caller's profile and most recent orders")
  @ApiResponseSchema('WebProfile', webProfileSchema)
  async getProfile(
    @ValidQuery(profileQuerySchema) query: ProfileQuery,
    @CurrentUser() user: AuthenticatedUser,
    @CallContext() context: DownstreamCallContext,
  ): Promise<WebProfile> {
    return toWebProfile(await this.profiles.load(user.sub, webProfileQuery(query.orders), context));
  }

  /** Changes the caller's display name or avatar; answers the user as it is now. */
  @Patch()
  @Scopes('profile:write')
  @ApiSummary("Change the caller's name or avatar")
  @ApiResponseSchema('User', userSchema)
  updateProfile(
    @ValidBody('ProfileUpdate', profileUpdateBodySchema) update: ProfileUpdateBody,
    @CurrentUser() user: AuthenticatedUser,
    @CallContext() context: DownstreamCallContext,
  ): Promise<User> {
    return this.editor.update(user.sub, update, context);
  }
}
