import { firstItemProducts, type ProfileData, type ProfileQuery } from '@bff/aggregation';
import type { Order, OrderStatus, Product, ResponseMeta } from '@bff/contracts';

/** `GET /api/profile` on mobile-bff: only what the phone's profile screen shows. */
export interface MobileProfile {
  user: MobileUser;
  /** The 5 most recent orders, newest first. */
  recentOrders: MobileOrderSummary[];
  meta: ResponseMeta;
}

export interface MobileUser {
  id: string;
  name: string;
  avatarUrl: string;
}

export interface MobileOrderSummary {
  id: string;
  status: OrderStatus;
  total: number;
  currency: string;
  /** Units in the order (the sum of the items' quantities). */
  itemCount: number;
  /** The first item's product thumbnail; null if the order is empty or the product is gone. */
  thumbnailUrl: string | null;
}

export const MOBILE_PROFILE_QUERY: ProfileQuery = { orderLimit: 5, productIdsOf: firstItemProducts };

export function toMobileUser(user: MobileUser): MobileUser {
  return { id: user.id, name: user.name, avatarUrl: user.avatarUrl };
}

export function toMobileOrderSummary(order: Order, products: ReadonlyMap<string, Product>): MobileOrderSummary {
  const firstProductId = order.items[0]?.productId;
  return {
    id: order.id,
    status: order.status,
    total: order.total,
    currency: order.currency,
    itemCount: order.items.reduce((count, item) => count + item.quantity, 0),
    thumbnailUrl: (firstProductId && products.get(firstProductId)?.thumbnailUrl) || null,
  };
}

export function toMobileProfile({ user, orders, products, degraded }: ProfileData): MobileProfile {
  return {
    user: toMobileUser(user),
    recentOrders: orders.map((order) => toMobileOrderSummary(order, products)),
    meta: { degraded },
  };
}
