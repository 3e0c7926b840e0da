import { z } from 'zod';
import { openSetOf } from './open-set.contract';

/** The statuses the gateway knows today; order-service may add more (`returned`, `on-hold`...). */
export const ORDER_STATUSES = ['processing', 'shipped', 'delivered', 'cancelled'] as const;

export const knownOrderStatusSchema = z.enum(ORDER_STATUSES);

/** An open set (see `openSetOf`): a status order-service adds is carried through as the string it is. */
export const orderStatusSchema = openSetOf(knownOrderStatusSchema).describe(
  `An open set: ${ORDER_STATUSES.join(', ')} today, and any status order-service adds later (show it as it is).`,
);

export const orderItemSchema = z.object({
  productId: z.string().min(1),
  quantity: z.number().int().positive(),
  /** Price of one unit when the order was placed, in `Order.currency`. */
  unitPrice: z.number().nonnegative(),
});

/**
 * order-service `GET /orders/:id`, and each element of `GET /orders`, read tolerantly: fields it does
 * not name are dropped and a status it adds is carried through; every field it does name is needed
 * (an order without its owner, total, date or items cannot be shown), so a missing one breaks the contract.
 */
export const orderSchema = z.object({
  id: z.string().min(1),
  /** Whose order it is: the gateway answers 404 for someone else's. */
  userId: z.string().min(1),
  status: orderStatusSchema,
  total: z.number().nonnegative(),
  currency: z.string(),
  /** ISO-8601 timestamp; `GET /orders` sorts newest first. */
  createdAt: z.string(),
  items: z.array(orderItemSchema),
});

export const orderListSchema = z.array(orderSchema);

/**
 * `GET /orders?userId=&limit=&after=` when the caller sends no limit, and the most it accepts.
 * `after` is an order id of that user: the page starts with the order after it (newest first).
 */
export const ORDER_LIST_LIMIT = { default: 10, max: 100 } as const;

/** The most items one order may hold, and the most units of one item. */
export const ORDER_MAX_ITEMS = 20;
export const ORDER_MAX_QUANTITY = 99;

/** An order id as a client may send it: `o42-1`, `o-<uuid>`... */
export const orderIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -');

/** A product id as the catalog writes them: `p1`, `p42`... */
export const productIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -');

/** One line of an order a client places: which product, how many. The price is the catalog's, not the client's. */
export const orderLineSchema = z.strictObject({
  productId: productIdSchema,
  quantity: z.number().int().min(1).max(ORDER_MAX_QUANTITY),
});

/**
 * order-service `POST /orders` (with an optional `Idempotency-Key` header): 201 with the new `Order`;
 * 422 when an item names a product that does not exist; 409 when the key was already used for a different order.
 */
export const newOrderSchema = z.strictObject({
  userId: z.string().min(1),
  items: z
    .array(orderLineSchema)
    .min(1)
    .max(ORDER_MAX_ITEMS)
    .refine((items) => new Set(items.map((item) => item.productId)).size === items.length, 'must name each product once'),
});

/** An `Idempotency-Key` as clients may send it: 1-255 visible ASCII characters (a UUID is typical). */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 visible ASCII characters');

export type Order = z.infer<typeof orderSchema>;
export type OrderLine = z.infer<typeof orderLineSchema>;
export type NewOrder = z.infer<typeof newOrderSchema>;
export type OrderItem = z.infer<typeof orderItemSchema>;
/** Any status, including those added after this gateway was built. */
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export type KnownOrderStatus = z.infer<typeof knownOrderStatusSchema>;
