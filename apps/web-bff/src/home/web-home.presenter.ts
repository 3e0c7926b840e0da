import { allItemProducts, type HomeData, type HomeQuery } from '@bff/aggregation';
import type { Product, ResponseMeta, User } from '@bff/contracts';
import { toWebOrder, type WebOrder } from '../orders/web-order.presenter';

/** `GET /api/home` on web-bff: full product cards for a big screen. */
export interface WebHome {
  user: Pick<User, 'id' | 'name' | 'avatarUrl' | 'tier'>;
  /** The 3 most recent orders, every item with its product. */
  recentOrders: WebOrder[];
  /** Up to 6, best first; empty (and `meta.degraded` says `recommendations`) when unavailable. */
  recommendations: Array<{ score: number; product: Product }>;
  meta: ResponseMeta;
}

export const WEB_HOME_QUERY: HomeQuery = { orderLimit: 3, recommendationLimit: 6, productIdsOf: allItemProducts };

export function toWebHome({ user, orders, recommendations, products, degraded }: HomeData): WebHome {
  return {
    user: { id: user.id, name: user.name, avatarUrl: user.avatarUrl, tier: user.tier },
    recentOrders: orders.map((order) => toWebOrder(order, products)),
    recommendations: recommendations.flatMap(({ productId, score }) => {
      const product = products.get(productId);
      return product ? [{ score, product }] : [];
    }),
    meta: { degraded },
  };
}
