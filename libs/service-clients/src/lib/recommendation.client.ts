import { type Recommendation, recommendationListSchema, prepareContracts } from '@bff/contracts';
import { Injectable } from '@nestjs/common';
import type { CredentialPolicy } from './credential.policy';
import type { DownstreamCallContext } from './downstream-call.context';
import { DownstreamHttp } from './downstream.http';

/** recommendation-service reads no caller identity: the user is the `userId` of the query, from the verified token. */
const SENT: CredentialPolicy = 'none';

/** recommendation-service. */
@Injectable()
export class RecommendationClient {
  constructor(private readonly http: DownstreamHttp) {
    prepareContracts(recommendationListSchema);
  }

  /** The best `limit` recommendations for a user (1-50), highest score first. */
  listForUser(userId: string, limit: number, context?: DownstreamCallContext): Promise<Recommendation[]> {
    const query = new URLSearchParams({ userId, limit: String(limit) });
    return this.http.get({ service: 'recommendation', path: `/recommendations?${query}`, schema: recommendationListSchema, credentials: SENT, context });
  }
}
