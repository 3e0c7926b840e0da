import type { ProfileData } from '@bff/aggregation';
import { responseMetaSchema } from '@bff/contracts';
import { z } from 'zod';
import { mobileOrderSummaryV2Schema, toMobileOrderSummaryV2 } from '../orders/mobile-order.v2.presenter';
import { mobileUserSchema, toMobileUser } from './mobile-profile.v1.presenter';

/** mobile-bff `GET /api/v2/profile`: v1's screen with money in integer minor units. */
export const mobileProfileV2Schema = z.strictObject({
  user: mobileUserSchema,
  recentOrders: z.array(mobileOrderSummaryV2Schema).describe('The 5 most recent orders, newest first.'),
  meta: responseMetaSchema,
});

export type MobileProfileV2 = z.infer<typeof mobileProfileV2Schema>;

export function toMobileProfileV2({ user, orders, products, degraded }: ProfileData): MobileProfileV2 {
  return {
    user: toMobileUser(user),
    recentOrders: orders.map((order) => toMobileOrderSummaryV2(order, products)),
    meta: { degraded },
  };
}
