import type { Order } from '@bff/contracts';
import { SEED_USER_COUNT, seedOrdersOf, seedProducts, seedUserId } from '@bff/seed-data';
import { Injectable } from '@nestjs/common';

/** Ten seed orders for each of u1..u1000, newest first, in memory. */
@Injectable()
export class OrdersStore {
  private readonly byUser = new Map<string, Order[]>();
  private readonly byId = new Map<string, Order>();

  constructor() {
    const products = new Map(seedProducts().map((product) => [product.id, product]));
    for (let n = 1; n <= SEED_USER_COUNT; n++) {
      const orders = seedOrdersOf(seedUserId(n), products);
      this.byUser.set(seedUserId(n), orders);
      for (const order of orders) this.byId.set(order.id, order);
    }
  }

  /** A user's orders, newest first; none for an unknown user. */
  listForUser(userId: string, limit: number): Order[] {
    return (this.byUser.get(userId) ?? []).slice(0, limit);
  }

  find(id: string): Order | undefined {
    return this.byId.get(id);
  }
}
