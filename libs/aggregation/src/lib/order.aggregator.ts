import type { Order, Product } from '@bff/contracts';
import { type DownstreamCallContext, DownstreamNotFoundError, OrderClient } from '@bff/service-clients';
import { Injectable } from '@nestjs/common';
import { Composition } from './composition';
import { ProductCatalog } from './product.catalog';
import { lookUp } from './profile.aggregator';

export interface OrderData {
  order: Order;
  products: ReadonlyMap<string, Product>;
  degraded: string[];
}

/** One of the caller's orders with its items' products. */
@Injectable()
export class OrderAggregator {
  constructor(
    private readonly orders: OrderClient,
    private readonly catalog: ProductCatalog,
  ) {}

  /**
   * @throws DownstreamNotFoundError when the order does not exist or is someone
   * else's: the same answer both ways, so that order ids cannot be probed
   */
  async load(orderId: string, userId: string, call?: DownstreamCallContext): Promise<OrderData> {
    const { values, degraded } = await Composition.create()
      .required('order', async () => {
        const order = await this.orders.getOrder(orderId, call);
        if (order.userId !== userId) throw new DownstreamNotFoundError('order', 'order');
        return order;
      })
      .required('products', ({ order }, part) => lookUp(this.catalog, order.items.map((item) => item.productId), part, call), ['order'])
      .run(call?.deadlineAt);
    return { ...values, degraded };
  }
}
