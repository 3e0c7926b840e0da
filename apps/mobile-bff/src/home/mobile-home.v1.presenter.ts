import { firstItemProducts, type HomeData, type HomeQuery } from '@bff/aggregation';
import { type Product, responseMetaSchema } from '@bff/contracts';
import { z } from 'zod';
import { mobileOrderSummaryV1Schema, toMobileOrderSummaryV1 } from '../orders/mobile-order.v1.presenter';
import { mobileUserSchema, toMobileUser } from '../profile/mobile-profile.v1.presenter';

/** What the home screen needs from the services, the same in every version. */
export const MOBILE_HOME_QUERY: HomeQuery = { orderLimit: 3, recommendationLimit: 4, productIdsOf: firstItemProducts };

export const mobileProductCardV1Schema = z.strictObject({
  id: z.string(),
  name: z.string(),
  price: z.number().describe("In major units (59.81 is $59.81), in the catalog's currency, which v1 does not send."),
  thumbnailUrl: z.string().describe('Empty when the catalog has no picture: show a placeholder.'),
});

/** mobile-bff `GET /api/v1/home` (and unversioned `GET /api/home`): compact cards for a small screen and a metered link. */
export const mobileHomeV1Schema = z.strictObject({
  user: mobileUserSchema,
  recentOrders: z.array(mobileOrderSummaryV1Schema).describe('The 3 most recent orders, newest first.'),
  recommendations: z
    .array(mobileProductCardV1Schema)
    .describe('Up to 4, best first; empty (and `meta.degraded` says `recommendations`) when unavailable.'),
  meta: responseMetaSchema,
});

export type MobileProductCardV1 = z.infer<typeof mobileProductCardV1Schema>;
export type MobileHomeV1 = z.infer<typeof mobileHomeV1Schema>;

/** The recommended products the catalog still has, best first, each in the given card shape. */
export function recommendedCards<Card>({ recommendations, products }: HomeData, toCard: (product: Product) => Card): Card[] {
  return recommendations.flatMap(({ productId }) => {
    const product = products.get(productId);
    return product ? [toCard(product)] : [];
  });
}

export function toMobileProductCardV1(product: Product): MobileProductCardV1 {
  return { id: product.id, name: product.name, price: product.price, thumbnailUrl: product.thumbnailUrl };
}

export function toMobileHomeV1(home: HomeData): MobileHomeV1 {
  return {
    user: toMobileUser(home.user),
    recentOrders: home.orders.map((order) => toMobileOrderSummaryV1(order, home.products)),
    recommendations: recommendedCards(home, toMobileProductCardV1),
    meta: { degraded: home.degraded },
  };
}
