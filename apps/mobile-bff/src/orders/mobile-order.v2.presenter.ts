import type { OrderData, OrderPageData } from '@bff/aggregation';
import { type Order, type Product, responseMetaSchema } from '@bff/contracts';
import { z } from 'zod';
import { mobileOrderStatusSchema, toMobileOrderStatus } from './mobile-order-status.presenter';
import { moneySchema, toMoney } from '../money/money.presenter';
import { mobileOrderLineV1Schema, mobileOrderSummaryV1Schema, toMobileOrderLinesV1, toMobileOrderSummaryV1 } from './mobile-order.v1.presenter';

/** v2's one change to an order summary: `total` is Money, and the currency moves into it. */
export const mobileOrderSummaryV2Schema = mobileOrderSummaryV1Schema.omit({ total: true, currency: true }).extend({ total: moneySchema });

export type MobileOrderSummaryV2 = z.infer<typeof mobileOrderSummaryV2Schema>;

export function toMobileOrderSummaryV2(order: Order, products: ReadonlyMap<string, Product>): MobileOrderSummaryV2 {
  const { id, status, total, currency, itemCount, thumbnailUrl } = toMobileOrderSummaryV1(order, products);
  return { id, status, total: toMoney(total, currency), itemCount, thumbnailUrl };
}

export const mobileOrderListItemV2Schema = mobileOrderSummaryV2Schema.extend({ createdAt: z.string().describe('ISO-8601.') });

/** mobile-bff `GET /api/v2/orders`: v1's page with money in integer minor units. */
export const mobileOrderPageV2Schema = z.strictObject({
  orders: z.array(mobileOrderListItemV2Schema),
  nextCursor: z.string().nullable().describe('Pass as `?cursor=` for the next page; null on the last.'),
  meta: responseMetaSchema,
});

export const mobileOrderLineV2Schema = mobileOrderLineV1Schema.extend({ unitPrice: moneySchema });

/** mobile-bff `GET /api/v2/orders/:id`: v1's order with money in integer minor units. */
export const mobileOrderV2Schema = z.strictObject({
  id: z.string(),
  status: mobileOrderStatusSchema,
  createdAt: z.string(),
  total: moneySchema,
  items: z.array(mobileOrderLineV2Schema),
});

export type MobileOrderPageV2 = z.infer<typeof mobileOrderPageV2Schema>;
export type MobileOrderV2 = z.infer<typeof mobileOrderV2Schema>;

export function toMobileOrderPageV2({ orders, nextCursor, products, degraded }: OrderPageData): MobileOrderPageV2 {
  return {
    orders: orders.map((order) => ({ ...toMobileOrderSummaryV2(order, products), createdAt: order.createdAt })),
    nextCursor,
    meta: { degraded },
  };
}

export function toMobileOrderV2({ order, products }: OrderData): MobileOrderV2 {
  const { id, status, createdAt, total, currency } = order;
  return {
    id,
    status: toMobileOrderStatus(status),
    createdAt,
    total: toMoney(total, currency),
    items: toMobileOrderLinesV1(order, products).map((line) => ({ ...line, unitPrice: toMoney(line.unitPrice, currency) })),
  };
}
