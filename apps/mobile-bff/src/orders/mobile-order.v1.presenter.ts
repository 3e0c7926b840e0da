import type { OrderData, OrderPageData } from '@bff/aggregation';
import { type Order, type Product, responseMetaSchema } from '@bff/contracts';
import { z } from 'zod';
import { mobileOrderStatusSchema, toMobileOrderStatus } from './mobile-order-status.presenter';

/** The default and largest page of the phone's order list: a small screen, a metered link. */
export const MOBILE_ORDER_PAGE = { default: 10, max: 20 } as const;

/** An order in a list of the phone's screens (profile, home, the order list): one thumbnail, no lines. */
export const mobileOrderSummaryV1Schema = z.strictObject({
  id: z.string(),
  status: mobileOrderStatusSchema,
  total: z.number().describe('In major units (591.64 is $591.64).'),
  currency: z.string(),
  itemCount: z.number().int().describe("Units in the order (the sum of the items' quantities)."),
  thumbnailUrl: z.string().nullable().describe("The first item's product thumbnail; null if the order is empty, or the product is gone or has no picture."),
});

export type MobileOrderSummaryV1 = z.infer<typeof mobileOrderSummaryV1Schema>;

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

/** A row of the order list: the order summary and when it was placed. */
export const mobileOrderListItemV1Schema = mobileOrderSummaryV1Schema.extend({ createdAt: z.string().describe('ISO-8601.') });

/** mobile-bff `GET /api/v1/orders` (and unversioned): a page of the caller's orders, newest first. */
export const mobileOrderPageV1Schema = z.strictObject({
  orders: z.array(mobileOrderListItemV1Schema),
  nextCursor: z.string().nullable().describe('Pass as `?cursor=` for the next page; null on the last.'),
  meta: responseMetaSchema,
});

/** A line of the order detail: the product's name and thumbnail, not the whole product. */
export const mobileOrderLineV1Schema = z.strictObject({
  productId: z.string(),
  name: z.string().nullable().describe('null if the catalog no longer has the product.'),
  thumbnailUrl: z.string().nullable().describe('null if the catalog no longer has the product, or has no picture of it.'),
  quantity: z.number().int(),
  unitPrice: z.number().describe('In major units.'),
});

/** mobile-bff `GET /api/v1/orders/:id` (and unversioned). */
export const mobileOrderV1Schema = z.strictObject({
  id: z.string(),
  status: mobileOrderStatusSchema,
  createdAt: z.string(),
  total: z.number().describe('In major units.'),
  currency: z.string(),
  items: z.array(mobileOrderLineV1Schema),
});

export type MobileOrderListItemV1 = z.infer<typeof mobileOrderListItemV1Schema>;
export type MobileOrderPageV1 = z.infer<typeof mobileOrderPageV1Schema>;
export type MobileOrderLineV1 = z.infer<typeof mobileOrderLineV1Schema>;
export type MobileOrderV1 = z.infer<typeof mobileOrderV1Schema>;

export function toMobileOrderPageV1({ orders, nextCursor, products, degraded }: OrderPageData): MobileOrderPageV1 {
  return {
    orders: orders.map((order) => ({ ...toMobileOrderSummaryV1(order, products), createdAt: order.createdAt })),
    nextCursor,
    meta: { degraded },
  };
}

export function toMobileOrderLinesV1(order: Order, products: ReadonlyMap<string, Product>): MobileOrderLineV1[] {
  return order.items.map(({ productId, quantity, unitPrice }) => {
    const product = products.get(productId);
    return { productId, name: product?.name ?? null, thumbnailUrl: product?.thumbnailUrl || null, quantity, unitPrice };
  });
}

export function toMobileOrderV1({ order, products }: OrderData): MobileOrderV1 {
  const { id, status, createdAt, total, currency } = order;
  return { id, status: toMobileOrderStatus(status), createdAt, total, currency, items: toMobileOrderLinesV1(order, products) };
}
