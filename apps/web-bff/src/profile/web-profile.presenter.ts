import { allItemProducts, type ProfileData, type ProfileQuery } from '@bff/aggregation';
import { responseMetaSchema, userSchema } from '@bff/contracts';
import { z } from 'zod';
import { toWebOrder, webOrderSchema } from '../orders/web-order.presenter';

/** `GET /api/profile` on web-bff. */
export const webProfileSchema = z.object({
  user: userSchema,
  /** The most recent orders (10 unless `?orders=` says), newest first, every item with its whole product. */
  orders: z.array(webOrderSchema),
  meta: responseMetaSchema,
});

export type WebProfile = z.infer<typeof webProfileSchema>;

/** How many orders the profile shows: 10 by default, up to 50 (`?orders=`). */
export const WEB_PROFILE_ORDERS = { default: 10, max: 50 } as const;

export const webProfileQuery = (orderLimit: number): ProfileQuery => ({ orderLimit, productIdsOf: allItemProducts });

export function toWebProfile({ user, orders, products, degraded }: ProfileData): WebProfile {
  return { user, orders: orders.map((order) => toWebOrder(order, products)), meta: { degraded } };
}
