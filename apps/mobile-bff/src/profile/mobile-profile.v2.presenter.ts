import type { ProfileData } from '@bff/aggregation';
import { type Order, type Product, responseMetaSchema } from '@bff/contracts';
import { z } from 'zod';
import { moneySchema, toMoney } from '../money/money.presenter';
import { mobileOrderSummaryV1Schema, mobileUserSchema, toMobileOrderSummaryV1, toMobileUser } from './mobile-profile.v1.presenter';

/** v2's one change to an order summary: `total` is Money, and the currency moves into it. */
export const mobileOrderSummaryV2Schema = mobileOrderSummaryV1Schema.omit({ total: true, currency: true }).extend({ total: moneySchema });

/** mobile-bff `GET /api/v2/profile`: v1's screen with money in integer minor units. */
export const mobileProfileV2Schema = z.strictObject({
  user: mobileUserSchema,
  recentOrders: z.array(mobileOrderSummaryV2Schema).describe('The 5 most recent orders, newest first.'),
  meta: responseMetaSchema,
});

export type MobileOrderSummaryV2 = z.infer<typeof mobileOrderSummaryV2Schema>;
export type MobileProfileV2 = z.infer<typeof mobileProfileV2Schema>;

export function toMobileOrderSummaryV2(order: Order, products: ReadonlyMap<string, Product>): MobileOrderSummaryV2 {
  const { id, status, total, currency, itemCount, thumbnailUrl } = toMobileOrderSummaryV1(order, products);
  return { id, status, total: toMoney(total, currency), itemCount, thumbnailUrl };
}

export function toMobileProfileV2({ user, orders, products, degraded }: ProfileData): MobileProfileV2 {
  return {
    user: toMobileUser(user),
    recentOrders: orders.map((order) => toMobileOrderSummaryV2(order, products)),
    meta: { degraded },
  };
}
