import { allItemProducts, type ProfileData, type ProfileQuery } from '@bff/aggregation';
import type { ResponseMeta, User } from '@bff/contracts';
import { toWebOrder, type WebOrder } from '../orders/web-order.presenter';

/** `GET /api/profile` on web-bff. */
export interface WebProfile {
  user: User;
  /** The 10 most recent orders, newest first, every item with its whole product. */
  orders: WebOrder[];
  meta: ResponseMeta;
}

export const WEB_PROFILE_QUERY: ProfileQuery = { orderLimit: 10, productIdsOf: allItemProducts };

export function toWebProfile({ user, orders, products, degraded }: ProfileData): WebProfile {
  return { user, orders: orders.map((order) => toWebOrder(order, products)), meta: { degraded } };
}
