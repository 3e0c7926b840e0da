import { type User, type UserUpdate, userSchema, prepareContracts } from '@bff/contracts';
import { Injectable } from '@nestjs/common';
import type { CredentialPolicy } from './credential.policy';
import type { DownstreamCallContext } from './downstream-call.context';
import { DownstreamHttp } from './downstream.http';

/**
 * user-service reads no caller identity: the user is the id in the path, which the gateway
 * takes from the verified token. So nothing about the caller is sent.
 */
const SENT: CredentialPolicy = 'none';

/** user-service. */
@Injectable()
export class UserClient {
  constructor(private readonly http: DownstreamHttp) {
    prepareContracts(userSchema);
  }

  /** @throws DownstreamNotFoundError for an unknown id */
  getUser(id: string, context?: DownstreamCallContext): Promise<User> {
    return this.http.get({ service: 'user', path: `/users/${encodeURIComponent(id)}`, schema: userSchema, notFound: 'user', credentials: SENT, context });
  }

  /**
   * Changes the user's name or avatar; the user as it is now.
   * @throws DownstreamNotFoundError for an unknown id
   */
  updateUser(id: string, update: UserUpdate, context?: DownstreamCallContext): Promise<User> {
    return this.http.patch({ service: 'user', path: `/users/${encodeURIComponent(id)}`, body: update, schema: userSchema, notFound: 'user', credentials: SENT, context });
  }
}
