import { allItemProducts, type HomeData, type HomeQuery } from '@bff/aggregation';
import { productSchema, responseMetaSchema, userSchema } from '@bff/contracts';
import { z } from 'zod';
import { toWebOrder, webOrderSchema } from '../orders/web-order.presenter';

/** `GET /api/home` on web-bff: full product cards for a big screen. */
export const webHomeSchema = z.object({
  user: userSchema.pick({ id: true, name: true, avatarUrl: true, tier: true }),
  recentOrders: z.array(webOrderSchema).describe('The 3 most recent orders, every item with its product.'),
  recommendations: z
    .array(z.object({ score: z.number(), product: productSchema }))
    .describe('Up to 6, best first; empty (and `meta.degraded` says `recommendations`) when unavailable.'),
  meta: responseMetaSchema,
});

export type WebHome = z.infer<typeof webHomeSchema>;

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
