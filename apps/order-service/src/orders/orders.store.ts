import type { NewOrder, Order } from '@bff/contracts';
import { roundToCents, SEED_CURRENCY, SEED_USER_COUNT, seedOrdersOf, seedProducts, seedUserId } from '@bff/seed-data';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** Why an order could not be placed; the controller turns each into its status. */
export class UnknownProductError extends Error {
  constructor(readonly productIds: string[]) {
    super(`unknown product ${productIds.join(', ')}`);
  }
}

export class IdempotencyKeyReuseError extends Error {
  constructor() {
    super('this Idempotency-Key was already used for a different order');
  }
}

/** A placed order, and whether it was placed now or is the answer to a key seen before. */
export interface Placement {
  order: Order;
  replayed: boolean;
}

/** The seed orders (50 each) of u1..u1000, newest first, in memory, and the orders placed since start. */
@Injectable()
export class OrdersStore {
  private readonly products = new Map(seedProducts().map((product) => [product.id, product]));
  private readonly byUser = new Map<string, Order[]>();
  private readonly byId = new Map<string, Order>();
  /** `userId key` -> what was asked and what was answered, so that a retried POST places its order once. */
  private readonly placements = new Map<string, { request: string; order: Order }>();

  constructor() {
    for (let n = 1; n <= SEED_USER_COUNT; n++) {
      const orders = seedOrdersOf(seedUserId(n), this.products);
      this.byUser.set(seedUserId(n), orders);
      for (const order of orders) this.byId.set(order.id, order);
    }
  }

  /**
   * A user's orders, newest first, starting after the order `after`; none for an unknown user.
   * @returns undefined when `after` is not one of the user's orders
   */
  listForUser(userId: string, limit: number, after?: string): Order[] | undefined {
    const orders = this.byUser.get(userId) ?? [];
    if (after === undefined) return orders.slice(0, limit);
    const index = orders.findIndex((order) => order.id === after);
    return index === -1 ? undefined : orders.slice(index + 1, index + 1 + limit);
  }

  find(id: string): Order | undefined {
    return this.byId.get(id);
  }

  /**
   * Places an order at the catalog's prices. With an idempotency key, the same key and the same
   * items give back the order placed the first time; the same key with other items is refused.
   * @throws UnknownProductError, IdempotencyKeyReuseError
   */
  place(request: NewOrder, idempotencyKey?: string): Placement {
    const fingerprint = JSON.stringify(request.items);
    const keyed = idempotencyKey === undefined ? undefined : `${request.userId} ${idempotencyKey}`;
    const earlier = keyed === undefined ? undefined : this.placements.get(keyed);
    if (earlier) {
      if (earlier.request !== fingerprint) throw new IdempotencyKeyReuseError();
      return { order: earlier.order, replayed: true };
    }
    const unknown = request.items.filter((item) => !this.products.has(item.productId)).map((item) => item.productId);
    if (unknown.length > 0) throw new UnknownProductError(unknown);
    const items = request.items.map(({ productId, quantity }) => ({ productId, quantity, unitPrice: this.products.get(productId)?.price ?? 0 }));
    const order: Order = {
      id: `o-${randomUUID()}`,
      userId: request.userId,
      status: 'processing',
      total: roundToCents(items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0)),
      currency: SEED_CURRENCY,
      createdAt: new Date().toISOString(),
      items,
    };
    this.byUser.set(request.userId, [order, ...(this.byUser.get(request.userId) ?? [])]);
    this.byId.set(order.id, order);
    if (keyed !== undefined) this.placements.set(keyed, { request: fingerprint, order });
    return { order, replayed: false };
  }
}
