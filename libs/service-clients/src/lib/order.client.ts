import { type NewOrder, type Order, orderListSchema, orderSchema, prepareContracts } from '@bff/contracts';
import { Injectable } from '@nestjs/common';
import type { CredentialPolicy } from './credential.policy';
import type { DownstreamCallContext } from './downstream-call.context';
import { IdempotencyKeyConflictError, InvalidCursorError, UnknownProductError } from './downstream.errors';
import { DownstreamHttp } from './downstream.http';

/**
 * order-service reads no caller identity: the user is the `userId` of a list's query or of a new
 * order, from the verified token, and the gateway checks that an order it reads is the caller's.
 */
const SENT: CredentialPolicy = 'none';

/** order-service. */
@Injectable()
export class OrderClient {
  constructor(private readonly http: DownstreamHttp) {
    prepareContracts(orderListSchema, orderSchema);
  }

  /** A user's most recent orders, newest first (limit 1-100). */
  listForUser(userId: string, limit: number, context?: DownstreamCallContext): Promise<Order[]> {
    return this.listPage(userId, { limit }, context);
  }

  /**
   * A page of a user's orders, newest first, starting after the order `after`.
   * @throws InvalidCursorError when `after` is not one of the user's orders
   */
  listPage(userId: string, page: { limit: number; after?: string }, context?: DownstreamCallContext): Promise<Order[]> {
    const query = new URLSearchParams({ userId, limit: String(page.limit) });
    if (page.after !== undefined) query.set('after', page.after);
    return this.http.get({
      service: 'order',
      path: `/orders?${query}`,
      schema: orderListSchema,
      // Only a page that starts somewhere can be refused for it; any other 400 breaks the contract.
      ...(page.after === undefined ? {} : { rejections: { 400: () => new InvalidCursorError() } }),
      credentials: SENT,
      context,
    });
  }

  /** @throws DownstreamNotFoundError for an unknown id */
  getOrder(id: string, context?: DownstreamCallContext): Promise<Order> {
    return this.http.get({ service: 'order', path: `/orders/${encodeURIComponent(id)}`, schema: orderSchema, notFound: 'order', credentials: SENT, context });
  }

  /**
   * Places an order. With the key, the gateway's own retries (and the client's) place it once.
   * @throws UnknownProductError, IdempotencyKeyConflictError
   */
  placeOrder(order: NewOrder, idempotencyKey: string, context?: DownstreamCallContext): Promise<Order> {
    return this.http.post({
      service: 'order',
      path: '/orders',
      body: order,
      idempotencyKey,
      schema: orderSchema,
      rejections: { 422: () => new UnknownProductError(), 409: () => new IdempotencyKeyConflictError() },
      credentials: SENT,
      context,
    });
  }
}
