import { firstItemProducts, type HomeData, type HomeQuery } from '@bff/aggregation';
import type { ResponseMeta } from '@bff/contracts';
import { type MobileOrderSummary, type MobileUser, toMobileOrderSummary, toMobileUser } from '../profile/mobile-profile.presenter';

/** `GET /api/home` on mobile-bff: compact cards for a small screen and a metered link. */
export interface MobileHome {
  user: MobileUser;
  /** The 3 most recent orders. */
  recentOrders: MobileOrderSummary[];
  /** Up to 4, best first; empty (and `meta.degraded` says `recommendations`) when unavailable. */
  recommendations: MobileProductCard[];
  meta: ResponseMeta;
}

export interface MobileProductCard {
  id: string;
  name: string;
  price: number;
  thumbnailUrl: string;
}

export const MOBILE_HOME_QUERY: HomeQuery = { orderLimit: 3, recommendationLimit: 4, productIdsOf: firstItemProducts };

export function toMobileHome({ user, orders, recommendations, products, degraded }: HomeData): MobileHome {
  return {
    user: toMobileUser(user),
    recentOrders: orders.map((order) => toMobileOrderSummary(order, products)),
    recommendations: recommendations.flatMap(({ productId }) => {
      const product = products.get(productId);
      return product ? [{ id: product.id, name: product.name, price: product.price, thumbnailUrl: product.thumbnailUrl }] : [];
    }),
    meta: { degraded },
  };
}
