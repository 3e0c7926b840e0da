import type { User, UserUpdate } from '@bff/contracts';
import { type DownstreamCallContext, UserClient } from '@bff/service-clients';
import { Injectable } from '@nestjs/common';

/** What a user may change about themselves, through user-service. */
@Injectable()
export class ProfileEditor {
  constructor(private readonly users: UserClient) {}

  /**
   * @returns the user as it is after the change
   * @throws DownstreamNotFoundError when the user does not exist
   */
  update(userId: string, update: UserUpdate, call?: DownstreamCallContext): Promise<User> {
    return this.users.updateUser(userId, update, call);
  }
}
