import { el, picture } from '../ui/elements';
import { day, money, statusLabel } from '../ui/format';
import type { Screen, ScreenContext } from './screen';

/** `GET /api/orders/:id`: one of the caller's orders, every item with its product. */
export async function orderScreen({ api }: ScreenContext, orderId: string): Promise<Screen> {
  const order = await api.order(orderId);
  return {
    title: `Order ${order.id}`,
    content: el(
      'section',
      { class: 'order-detail' },
      el('p', {}, el('a', { href: '#/profile' }, '← Back to profile')),
      el('h1', {}, `Order ${order.id}`),
      el(
        'p',
        { class: 'order-head' },
        el('span', { class: `status status-${order.status}` }, statusLabel(order.status)),
        el('span', { class: 'muted' }, `placed ${day(order.createdAt)}`),
        el('strong', { class: 'total' }, money(order.total, order.currency)),
      ),
      el(
        'table',
        { class: 'card lines' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Product'), el('th', { scope: 'col' }, 'Quantity'), el('th', { scope: 'col' }, 'Unit price'), el('th', { scope: 'col' }, 'Subtotal'))),
        el(
          'tbody',
          {},
          ...order.items.map((item) =>
            el(
              'tr',
              { 'data-product-id': item.productId },
              el(
                'td',
                { class: 'product' },
                item.product ? picture(item.product.imageUrl, item.product.name, 'thumb') : null,
                el(
                  'div',
                  {},
                  el('div', { class: 'product-name' }, item.product?.name ?? item.productId),
                  el('div', { class: 'muted' }, item.product?.description ?? 'No longer in the catalog'),
                ),
              ),
              el('td', {}, item.quantity),
              el('td', {}, money(item.unitPrice, order.currency)),
              el('td', {}, money(item.unitPrice * item.quantity, order.currency)),
            ),
          ),
        ),
      ),
    ),
  };
}
