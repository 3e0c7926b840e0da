import { idempotencyKeySchema, newOrderSchema, orderIdSchema } from '@bff/contracts';
import { pageQuerySchema } from '@bff/request-validation';
import { z } from 'zod';
import { WEB_ORDER_PAGE } from './web-order.presenter';

export { orderIdSchema };

export const orderPageQuerySchema = pageQuerySchema(WEB_ORDER_PAGE);

/** `POST /api/orders`: what to buy. The buyer is the caller; prices are the catalog's. */
export const placeOrderBodySchema = newOrderSchema.pick({ items: true });

/** Optional: without one the gateway makes its own, so that its own retries are safe (a client's retry is not). */
export const idempotencyKeyHeaderSchema = idempotencyKeySchema.optional();

export type OrderPageQuery = z.infer<typeof orderPageQuerySchema>;
export type PlaceOrderBody = z.infer<typeof placeOrderBodySchema>;
