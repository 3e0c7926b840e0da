import { type User, type UserUpdate, userSchema } from '@bff/contracts';
import { Injectable } from '@nestjs/common';
import type { DownstreamCallContext } from './downstream-call.context';
import { DownstreamHttp } from './downstream.http';

/** user-service. */
@Injectable()
export class UserClient {
  constructor(private readonly http: DownstreamHttp) {}

  /** @throws DownstreamNotFoundError for an unknown id */
  getUser(id: string, context?: DownstreamCallContext): Promise<User> {
    return this.http.get({ service: 'user', path: `/users/${encodeURIComponent(id)}`, schema: userSchema, notFound: 'user', context });
  }

  /**
   * Changes the user's name or avatar; the user as it is now.
   * @throws DownstreamNotFoundError for an unknown id
   */
  updateUser(id: string, update: UserUpdate, context?: DownstreamCallContext): Promise<User> {
    return this.http.patch({ service: 'user', path: `/users/${encodeURIComponent(id)}`, body: update, schema: userSchema, notFound: 'user', context });
  }
}
