import type { Order, Product } from '@bff/contracts';
import { CatalogClient, type DownstreamCallContext, DownstreamNotFoundError, OrderClient } from '@bff/service-clients';
import { Injectable } from '@nestjs/common';

export interface OrderData {
  order: Order;
  products: ReadonlyMap<string, Product>;
}

/** One of the caller's orders with its items' products. */
@Injectable()
export class OrderAggregator {
  constructor(
    private readonly orders: OrderClient,
    private readonly catalog: CatalogClient,
  ) {}

  /**
   * @throws DownstreamNotFoundError when the order does not exist or is someone
   * else's: the same answer both ways, so that order ids cannot be probed
   */
  async load(orderId: string, userId: string, context?: DownstreamCallContext): Promise<OrderData> {
    const order = await this.orders.getOrder(orderId, context);
    if (order.userId !== userId) throw new DownstreamNotFoundError('order', 'order');
    const products = await this.catalog.getProducts(
      order.items.map((item) => item.productId),
      context,
    );
    return { order, products: new Map(products.map((product) => [product.id, product])) };
  }
}
