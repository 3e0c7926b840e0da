import { firstItemProducts, type ProfileData, type ProfileQuery } from '@bff/aggregation';
import { responseMetaSchema } from '@bff/contracts';
import { z } from 'zod';
import { mobileOrderSummaryV1Schema, toMobileOrderSummaryV1 } from '../orders/mobile-order.v1.presenter';

/** What the profile screen needs from the services, the same in every version. */
export const MOBILE_PROFILE_QUERY: ProfileQuery = { orderLimit: 5, productIdsOf: firstItemProducts };

export const mobileUserSchema = z.strictObject({ id: z.string(), name: z.string(), avatarUrl: z.string() });

/** mobile-bff `GET /api/v1/profile` (and unversioned `GET /api/profile`): only what the phone's profile screen shows. */
export const mobileProfileV1Schema = z.strictObject({
  user: mobileUserSchema,
  recentOrders: z.array(mobileOrderSummaryV1Schema).describe('The 5 most recent orders, newest first.'),
  meta: responseMetaSchema,
});

export type MobileUser = z.infer<typeof mobileUserSchema>;
export type MobileProfileV1 = z.infer<typeof mobileProfileV1Schema>;

export function toMobileUser(user: MobileUser): MobileUser {
  return { id: user.id, name: user.name, avatarUrl: user.avatarUrl };
}

export function toMobileProfileV1({ user, orders, products, degraded }: ProfileData): MobileProfileV1 {
  return {
    user: toMobileUser(user),
    recentOrders: orders.map((order) => toMobileOrderSummaryV1(order, products)),
    meta: { degraded },
  };
}
