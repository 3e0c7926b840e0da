import { z } from 'zod';

export const orderStatusSchema = z.enum(['processing', 'shipped', 'delivered', 'cancelled']);

export const orderItemSchema = z.object({
  productId: z.string(),
  quantity: z.number().int().positive(),
  /** Price of one unit when the order was placed, in `Order.currency`. */
  unitPrice: z.number().nonnegative(),
});

/** order-service `GET /orders/:id`, and each element of `GET /orders`. */
export const orderSchema = z.object({
  id: z.string(),
  userId: z.string(),
  status: orderStatusSchema,
  total: z.number().nonnegative(),
  currency: z.string(),
  /** ISO-8601 timestamp; `GET /orders` sorts newest first. */
  createdAt: z.string(),
  items: z.array(orderItemSchema),
});

export const orderListSchema = z.array(orderSchema);

/** `GET /orders?limit=` when the caller sends none, and the most it accepts. */
export const ORDER_LIST_LIMIT = { default: 10, max: 50 } as const;

export type Order = z.infer<typeof orderSchema>;
export type OrderItem = z.infer<typeof orderItemSchema>;
export type OrderStatus = z.infer<typeof orderStatusSchema>;
