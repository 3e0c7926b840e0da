import type { Order, OrderLine, Product } from '@bff/contracts';
import { type DownstreamCallContext, DownstreamNotFoundError, OrderClient } from '@bff/service-clients';
import { Injectable } from '@nestjs/common';
import { Composition } from './composition';
import { ProductCatalog } from './product.catalog';
import { type PageRequest, PageCursors } from './page.cursor';
import { allItemProducts, lookUp } from './profile.aggregator';

export interface OrderData {
  order: Order;
  products: ReadonlyMap<string, Product>;
  degraded: string[];
}

/** A page of orders, and which of their products the screen shows. */
export interface OrderPageQuery extends PageRequest {
  productIdsOf(orders: readonly Order[]): string[];
}

/** A page of a user's orders, newest first, with the products the screen shows. */
export interface OrderPageData {
  orders: Order[];
  nextCursor: string | null;
  products: ReadonlyMap<string, Product>;
  degraded: string[];
}

/** The caller's orders: one with its items' products, a page of them, and placing a new one. */
@Injectable()
export class OrderAggregator {
  constructor(
    private readonly orders: OrderClient,
    private readonly catalog: ProductCatalog,
    private readonly cursors: PageCursors,
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
      .run(call);
    return { ...values, degraded };
  }

  /**
   * A page of the user's orders, newest first, and the products the screen shows in one catalog lookup.
   * Its cursors page this user's orders only.
   * @throws InvalidCursorError for a cursor this list did not hand out
   */
  async page(userId: string, query: OrderPageQuery, call?: DownstreamCallContext): Promise<OrderPageData> {
    const { values, degraded } = await Composition.create()
      .required('page', () => this.cursors.readPage({ kind: 'orders', of: userId }, query, (page) => this.orders.listPage(userId, page, call)))
      .required('products', ({ page }, part) => lookUp(this.catalog, query.productIdsOf(page.items), part, call), ['page'])
      .run(call);
    return { orders: values.page.items, nextCursor: values.page.nextCursor, products: values.products, degraded };
  }

  /**
   * Places an order for the user, once per idempotency key, and answers it with its products. The
   * order stands even if the catalog then fails: the products part is optional (`degraded`), since
   * an error would make the client place it again.
   * @throws UnknownProductError, IdempotencyKeyConflictError
   */
  async place(userId: string, items: OrderLine[], idempotencyKey: string, call?: DownstreamCallContext): Promise<OrderData> {
    const order = await this.orders.placeOrder({ userId, items }, idempotencyKey, call);
    const { values, degraded } = await Composition.create()
      .optional('products', (_, part) => lookUp(this.catalog, allItemProducts([order]), part, call), new Map<string, Product>())
      .run(call);
    return { order, products: values.products, degraded };
  }
}
