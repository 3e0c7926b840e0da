import type { Order, OrderItem, OrderStatus, Product } from '@bff/contracts';
import { SEED_CURRENCY, SEED_PRODUCT_COUNT, seedProductId } from './product.seed';
import { between, roundToCents, seededRandom } from './seed.random';

export const SEED_ORDERS_PER_USER = 50;
export const SEED_ITEMS_PER_ORDER = 3;

const HOUR_MS = 3_600_000;
/** The newest seed order is a little before this instant; older ones step back from it. */
const LATEST_ORDER = Date.UTC(2026, 9, 1);

function statusOf(index: number, random: () => number): OrderStatus {
  if (index === 0) return 'processing';
  if (index === 1) return 'shipped';
  return random() < 0.1 ? 'cancelled' : 'delivered';
}

/**
 * The orders of user `u<n>`, newest first: ids `o<n>-1` (newest) to `o<n>-<count>`,
 * each with three distinct products drawn deterministically from p1..p100 at their catalog price.
 */
export function seedOrdersOf(userId: string, products: ReadonlyMap<string, Product>, count = SEED_ORDERS_PER_USER): Order[] {
  const random = seededRandom(`orders:${userId}`);
  const orders: Order[] = [];
  let createdAt = LATEST_ORDER - between(random, 1, 48) * HOUR_MS;
  for (let index = 0; index < count; index++) {
    const items = seedItems(random, products);
    orders.push({
      id: `o${userId.slice(1)}-${index + 1}`,
      userId,
      status: statusOf(index, random),
      total: roundToCents(items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0)),
      currency: SEED_CURRENCY,
      createdAt: new Date(createdAt).toISOString(),
      items,
    });
    createdAt -= between(random, 24, 24 * 20) * HOUR_MS;
  }
  return orders;
}

function seedItems(random: () => number, products: ReadonlyMap<string, Product>): OrderItem[] {
  const chosen = new Set<string>();
  while (chosen.size < SEED_ITEMS_PER_ORDER) chosen.add(seedProductId(between(random, 1, SEED_PRODUCT_COUNT)));
  return [...chosen].map((productId) => ({
    productId,
    quantity: between(random, 1, 3),
    unitPrice: products.get(productId)?.price ?? 0,
  }));
}
