import { type Order, orderListSchema, orderSchema } from '@bff/contracts';
import { Injectable } from '@nestjs/common';
import type { DownstreamCallContext } from './downstream-call.context';
import { DownstreamHttp } from './downstream.http';

/** order-service. */
@Injectable()
export class OrderClient {
  constructor(private readonly http: DownstreamHttp) {}

  /** A user's most recent orders, newest first (limit 1-50). */
  listForUser(userId: string, limit: number, context?: DownstreamCallContext): Promise<Order[]> {
    const query = new URLSearchParams({ userId, limit: String(limit) });
    return this.http.get({ service: 'order', path: `/orders?${query}`, schema: orderListSchema, context });
  }

  /** @throws DownstreamNotFoundError for an unknown id */
  getOrder(id: string, context?: DownstreamCallContext): Promise<Order> {
    return this.http.get({ service: 'order', path: `/orders/${encodeURIComponent(id)}`, schema: orderSchema, notFound: 'order', context });
  }
}
