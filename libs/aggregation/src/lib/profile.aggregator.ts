import type { Order, Product, User } from '@bff/contracts';
import { CatalogClient, type DownstreamCallContext, OrderClient, UserClient } from '@bff/service-clients';
import { Injectable } from '@nestjs/common';

/** What a profile screen is built from; each client shapes it its own way. */
export interface ProfileData {
  user: User;
  /** Newest first. */
  orders: Order[];
  /** The products the screen needs, by id. */
  products: ReadonlyMap<string, Product>;
}

export interface ProfileQuery {
  /** How many of the most recent orders to load. */
  orderLimit: number;
  /** Which products the screen shows: every item's, or only some. */
  productIdsOf(orders: readonly Order[]): string[];
}

/**
 * Loads a user's profile: the user and their recent orders concurrently, then
 * every product the screen needs in one batched catalog call.
 */
@Injectable()
export class ProfileAggregator {
  constructor(
    private readonly users: UserClient,
    private readonly orders: OrderClient,
    private readonly catalog: CatalogClient,
  ) {}

  async load(userId: string, query: ProfileQuery, context?: DownstreamCallContext): Promise<ProfileData> {
    const [user, orders] = await Promise.all([
      this.users.getUser(userId, context),
      this.orders.listForUser(userId, query.orderLimit, context),
    ]);
    const productIds = query.productIdsOf(orders);
    const products = productIds.length > 0 ? await this.catalog.getProducts(productIds, context) : [];
    return { user, orders, products: new Map(products.map((product) => [product.id, product])) };
  }
}

/** Every item's product: for screens that show whole orders. */
export const allItemProducts = (orders: readonly Order[]): string[] =>
  orders.flatMap((order) => order.items.map((item) => item.productId));

/** Each order's first item's product: for screens that show one picture per order. */
export const firstItemProducts = (orders: readonly Order[]): string[] =>
  orders.flatMap((order) => (order.items[0] ? [order.items[0].productId] : []));
