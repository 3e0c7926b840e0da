import type { WebOrder } from '../api/web-bff.types';
import { el, picture } from './elements';
import { day, money, statusLabel } from './format';

/** One order as a list item: link, status, date, total, and a thumbnail and name per product. */
export function orderSummary(order: WebOrder): HTMLElement {
  return el(
    'li',
    { class: 'card order', 'data-order-id': order.id },
    el(
      'div',
      { class: 'order-head' },
      el('a', { href: `#/orders/${encodeURIComponent(order.id)}` }, `Order ${order.id}`),
      el('span', { class: `status status-${order.status}` }, statusLabel(order.status)),
      el('span', { class: 'muted' }, day(order.createdAt)),
      el('strong', { class: 'total' }, money(order.total, order.currency)),
    ),
    el(
      'ul',
      { class: 'items' },
      ...order.items.map((item) =>
        el(
          'li',
          { class: 'item' },
          item.product ? picture(item.product.thumbnailUrl, item.product.name, 'thumb') : null,
          el('span', { class: 'product-name' }, item.product?.name ?? `${item.productId} (no longer in the catalog)`),
          el('span', { class: 'muted' }, `× ${item.quantity}`),
        ),
      ),
    ),
  );
}

/** A list of orders, or a line saying there are none. */
export function orderList(orders: readonly WebOrder[]): HTMLElement {
  return orders.length === 0
    ? el('p', { class: 'muted' }, 'No orders yet.')
    : el('ol', { class: 'orders', 'aria-label': 'Recent orders' }, ...orders.map(orderSummary));
}
