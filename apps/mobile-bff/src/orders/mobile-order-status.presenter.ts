import { type KnownOrderStatus, knownOr, knownOrderStatusSchema, ORDER_STATUSES } from '@bff/contracts';

/**
 * What the phone is told for a status order-service added after the app was built (`returned`...).
 * The apps in the field decode `status` as the closed enum v1 and v2 published, and a generated enum
 * refuses a value it does not know, failing the whole screen; so the gateway maps it to the status
 * that claims least: the order is not known to be finished. A future version may publish an open set.
 */
export const MOBILE_ORDER_STATUS_FALLBACK: KnownOrderStatus = 'processing';

export const mobileOrderStatusSchema = knownOrderStatusSchema.describe(
  `A closed set for the apps in the field: ${ORDER_STATUSES.join(', ')}. A status order-service adds later is sent as \`${MOBILE_ORDER_STATUS_FALLBACK}\`.`,
);

export const toMobileOrderStatus = (status: string): KnownOrderStatus => knownOr(ORDER_STATUSES, status, MOBILE_ORDER_STATUS_FALLBACK);
