import type { Order, OrderItem, Product } from '@bff/contracts';

/** An order as the web app shows it: every item with its whole product. */
export interface WebOrder extends Omit<Order, 'items'> {
  items: WebOrderItem[];
}

export interface WebOrderItem extends OrderItem {
  /** null only if the catalog no longer has the product. */
  product: Product | null;
}

export function toWebOrder(order: Order, products: ReadonlyMap<string, Product>): WebOrder {
  return { ...order, items: order.items.map((item) => ({ ...item, product: products.get(item.productId) ?? null })) };
}
