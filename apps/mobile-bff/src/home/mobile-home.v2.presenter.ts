import type { HomeData } from '@bff/aggregation';
import { type Product, responseMetaSchema } from '@bff/contracts';
import { z } from 'zod';
import { moneySchema, toMoney } from '../money/money.presenter';
import { mobileUserSchema, toMobileUser } from '../profile/mobile-profile.v1.presenter';
import { mobileOrderSummaryV2Schema, toMobileOrderSummaryV2 } from '../orders/mobile-order.v2.presenter';
import { mobileProductCardV1Schema, recommendedCards } from './mobile-home.v1.presenter';

/** v2's one change to a product card: `price` is Money, which also says the currency v1 left out. */
export const mobileProductCardV2Schema = mobileProductCardV1Schema.extend({ price: moneySchema });

/** mobile-bff `GET /api/v2/home`: v1's screen with money in integer minor units. */
export const mobileHomeV2Schema = z.strictObject({
  user: mobileUserSchema,
  recentOrders: z.array(mobileOrderSummaryV2Schema).describe('The 3 most recent orders, newest first.'),
  recommendations: z
    .array(mobileProductCardV2Schema)
    .describe('Up to 4, best first; empty (and `meta.degraded` says `recommendations`) when unavailable.'),
  meta: responseMetaSchema,
});

export type MobileProductCardV2 = z.infer<typeof mobileProductCardV2Schema>;
export type MobileHomeV2 = z.infer<typeof mobileHomeV2Schema>;

export function toMobileProductCardV2(product: Product): MobileProductCardV2 {
  return { id: product.id, name: product.name, price: toMoney(product.price, product.currency), thumbnailUrl: product.thumbnailUrl };
}

export function toMobileHomeV2(home: HomeData): MobileHomeV2 {
  return {
    user: toMobileUser(home.user),
    recentOrders: home.orders.map((order) => toMobileOrderSummaryV2(order, home.products)),
    recommendations: recommendedCards(home, toMobileProductCardV2),
    meta: { degraded: home.degraded },
  };
}
