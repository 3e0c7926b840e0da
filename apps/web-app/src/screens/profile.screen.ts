import type { WebOrder } from '../api/web-bff.types';
import { el, picture } from '../ui/elements';
import { day, money, statusLabel } from '../ui/format';
import type { Screen, ScreenContext } from './screen';

/** `GET /api/profile`: who is signed in, and their recent orders with every product. */
export async function profileScreen({ api }: ScreenContext): Promise<Screen> {
  const { user, orders } = await api.profile();
  const tier = user.tier.charAt(0).toUpperCase() + user.tier.slice(1);
  return {
    title: user.name,
    content: el(
      'section',
      { class: 'profile' },
      el(
        'div',
        { class: 'card profile-card' },
        picture(user.avatarUrl, user.name, 'avatar'),
        el(
          'div',
          {},
          el('h1', {}, user.name),
          el('p', { class: 'muted' }, user.email),
          el('p', { class: 'muted' }, `${tier} member since ${day(user.createdAt)}`),
          // Name editing (PATCH /api/profile, issue 9's second part) goes here, once web-bff serves it.
        ),
      ),
      el('h2', {}, 'Recent orders'),
      orders.length === 0
        ? el('p', { class: 'muted' }, 'No orders yet.')
        : el('ol', { class: 'orders', 'aria-label': 'Recent orders' }, ...orders.map(orderSummary)),
    ),
  };
}

function orderSummary(order: WebOrder): HTMLElement {
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
