import { firstItemProducts, type ProfileData, type ProfileQuery } from '@bff/aggregation';
import { type Order, type Product, responseMetaSchema } from '@bff/contracts';
import { z } from 'zod';
import { mobileOrderStatusSchema, toMobileOrderStatus } from '../orders/mobile-order-status.presenter';

/** What the profile screen needs from the services, the same in every version. */
export const MOBILE_PROFILE_QUERY: ProfileQuery = { orderLimit: 5, productIdsOf: firstItemProducts };

export const mobileUserSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  avatarUrl: z.string().describe('Empty when the user has none: show a placeholder.'),
});

export const mobileOrderSummaryV1Schema = z.strictObject({
  id: z.string(),
  status: mobileOrderStatusSchema,
  total: z.number().describe('In major units (591.64 is $591.64).'),
  currency: z.string(),
  itemCount: z.number().int().describe("Units in the order (the sum of the items' quantities)."),
  thumbnailUrl: z.string().nullable().describe("The first item's product thumbnail; null if the order is empty, or the product is gone or has no picture."),
});

/** mobile-bff `GET /api/v1/profile` (and unversioned `GET /api/profile`): only what the phone's profile screen shows. */
export const mobileProfileV1Schema = z.strictObject({
  user: mobileUserSchema,
  recentOrders: z.array(mobileOrderSummaryV1Schema).describe('The 5 most recent orders, newest first.'),
  meta: responseMetaSchema,
});

export type MobileUser = z.infer<typeof mobileUserSchema>;
export type MobileOrderSummaryV1 = z.infer<typeof mobileOrderSummaryV1Schema>;
export type MobileProfileV1 = z.infer<typeof mobileProfileV1Schema>;

export function toMobileUser(user: MobileUser): MobileUser {
  return { id: user.id, name: user.name, avatarUrl: user.avatarUrl };
}

export function toMobileOrderSummaryV1(order: Order, products: ReadonlyMap<string, Product>): MobileOrderSummaryV1 {
  const firstProductId = order.items[0]?.productId;
  return {
    id: order.id,
    status: toMobileOrderStatus(order.status),
    total: order.total,
    currency: order.currency,
    itemCount: order.items.reduce((count, item) => count + item.quantity, 0),
    thumbnailUrl: (firstProductId && products.get(firstProductId)?.thumbnailUrl) || null,
  };
}

export function toMobileProfileV1({ user, orders, products, degraded }: ProfileData): MobileProfileV1 {
  return {
    user: toMobileUser(user),
    recentOrders: orders.map((order) => toMobileOrderSummaryV1(order, products)),
    meta: { degraded },
  };
}
