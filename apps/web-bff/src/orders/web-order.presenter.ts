import type { OrderData, OrderPageData } from '@bff/aggregation';
import { type Order, orderItemSchema, orderSchema, type Product, productSchema, responseMetaSchema } from '@bff/contracts';
import { z } from 'zod';

/** An order as the web app shows it: every item with its whole product (null only if the catalog no longer has it). */
export const webOrderSchema = orderSchema.extend({
  items: z.array(orderItemSchema.extend({ product: productSchema.nullable() })),
});

/** `GET /api/orders` on web-bff: a page of the caller's orders, newest first. */
export const webOrderPageSchema = z.object({
  orders: z.array(webOrderSchema),
  /** Pass as `?cursor=` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
  meta: responseMetaSchema,
});

export type WebOrder = z.infer<typeof webOrderSchema>;
export type WebOrderPage = z.infer<typeof webOrderPageSchema>;

/** The default and largest page of `GET /api/orders`. */
export const WEB_ORDER_PAGE = { default: 20, max: 50 } as const;

export function toWebOrder(order: Order, products: ReadonlyMap<string, Product>): WebOrder {
  return { ...order, items: order.items.map((item) => ({ ...item, product: products.get(item.productId) ?? null })) };
}

export function toWebOrderPage({ orders, nextCursor, products, degraded }: OrderPageData): WebOrderPage {
  return { orders: orders.map((order) => toWebOrder(order, products)), nextCursor, meta: { degraded } };
}

export const toPlacedWebOrder = ({ order, products }: OrderData): WebOrder => toWebOrder(order, products);
