import type { Order, Product, User } from '@bff/contracts';
import { type DownstreamCallContext, OrderClient, UserClient } from '@bff/service-clients';
import { Injectable } from '@nestjs/common';
import { Composition } from './composition';
import { ProductCatalog } from './product.catalog';

/** What a profile screen is built from; each client shapes it its own way. */
export interface ProfileData {
  user: User;
  /** Newest first. */
  orders: Order[];
  /** The products the screen needs, by id. */
  products: ReadonlyMap<string, Product>;
  /** Parts served with less than they should have (`products` when stale). */
  degraded: string[];
}

export interface ProfileQuery {
  /** How many of the most recent orders to load. */
  orderLimit: number;
  /** Which products the screen shows: every item's, or only some. */
  productIdsOf(orders: readonly Order[]): string[];
}

/**
 * A user's profile: the user and their recent orders at once, then every
 * product the screen needs in one batched (and cached) catalog lookup. All
 * three parts are required.
 */
@Injectable()
export class ProfileAggregator {
  constructor(
    private readonly users: UserClient,
    private readonly orders: OrderClient,
    private readonly catalog: ProductCatalog,
  ) {}

  async load(userId: string, query: ProfileQuery, call?: DownstreamCallContext): Promise<ProfileData> {
    const { values, degraded } = await Composition.create()
      .required('user', () => this.users.getUser(userId, call))
      .required('orders', () => this.orders.listForUser(userId, query.orderLimit, call))
      .required('products', ({ orders }, part) => lookUp(this.catalog, query.productIdsOf(orders), part, call), ['orders'])
      .run(call);
    return { ...values, degraded };
  }
}

/** Every item's product: for screens that show whole orders. */
export const allItemProducts = (orders: readonly Order[]): string[] =>
  orders.flatMap((order) => order.items.map((item) => item.productId));

/** Each order's first item's product: for screens that show one picture per order. */
export const firstItemProducts = (orders: readonly Order[]): string[] =>
  orders.flatMap((order) => (order.items[0] ? [order.items[0].productId] : []));

/** A catalog lookup as a part: stale products mark the part degraded. */
export async function lookUp(
  catalog: ProductCatalog,
  ids: readonly string[],
  part: { degrade(): void },
  call?: DownstreamCallContext,
): Promise<ReadonlyMap<string, Product>> {
  if (ids.length === 0) return new Map();
  const { products, stale } = await catalog.get(ids, call);
  if (stale) part.degrade();
  return products;
}
