import { allItemProducts, type ProfileData, type ProfileQuery } from '@bff/aggregation';
import type { Order, OrderItem, Product, User } from '@bff/contracts';

/** `GET /api/profile` on web-bff. */
export interface WebProfile {
  user: User;
  /** The 10 most recent orders, newest first, every item with its whole product. */
  orders: WebOrder[];
}

export interface WebOrder extends Omit<Order, 'items'> {
  items: WebOrderItem[];
}

export interface WebOrderItem extends OrderItem {
  /** null only if the catalog no longer has the product. */
  product: Product | null;
}

export const WEB_PROFILE_QUERY: ProfileQuery = { orderLimit: 10, productIdsOf: allItemProducts };

export function toWebProfile({ user, orders, products }: ProfileData): WebProfile {
  return {
    user,
    orders: orders.map((order) => ({
      ...order,
      items: order.items.map((item) => ({ ...item, product: products.get(item.productId) ?? null })),
    })),
  };
}
