import type { WebHome } from '../api/web-bff.types';
import { el, picture } from '../ui/elements';
import { money, tierLabel } from '../ui/format';
import { orderList } from '../ui/order.summary';
import { degradedNotice } from './degraded.notice';
import type { Screen, ScreenContext } from './screen';

/**
 * `GET /api/home`: the landing screen. The user, their latest orders and products picked for them; when
 * web-bff says a part is missing (recommendation-service down), a notice says so and the rest still shows.
 */
export async function homeScreen({ api }: ScreenContext): Promise<Screen> {
  const { user, recentOrders, recommendations, meta } = await api.home();
  const missing = new Set(meta.degraded);
  return {
    title: 'Home',
    content: el(
      'section',
      { class: 'home' },
      el(
        'div',
        { class: 'card profile-card' },
        picture(user.avatarUrl, user.name, 'avatar'),
        el('div', {}, el('p', { class: 'muted' }, 'Welcome back'), el('h1', {}, user.name), el('p', { class: 'muted' }, `${tierLabel(user.tier)} member`)),
      ),
      degradedNotice(meta.degraded),
      el('h2', {}, 'Recent orders'),
      orderList(recentOrders),
      el('p', {}, el('a', { href: '#/profile' }, 'All your orders in your profile →')),
      // Left out when recommendation-service did not answer: the notice above already says why.
      missing.has('recommendations') && recommendations.length === 0 ? null : recommendationList(recommendations),
    ),
  };
}

function recommendationList(recommendations: WebHome['recommendations']): HTMLElement {
  return el(
    'section',
    { 'aria-labelledby': 'recommended' },
    el('h2', { id: 'recommended' }, 'Recommended for you'),
    recommendations.length === 0
      ? el('p', { class: 'muted' }, 'Nothing to recommend yet.')
      : el(
          'ul',
          { class: 'products', 'aria-label': 'Recommended products' },
          ...recommendations.map(({ product }) =>
            el(
              'li',
              { class: 'card product-card', 'data-product-id': product.id },
              picture(product.imageUrl, product.name, 'product-image'),
              el('div', { class: 'product-name' }, product.name),
              el('p', { class: 'muted description' }, product.description),
              el('strong', {}, money(product.price, product.currency)),
            ),
          ),
        ),
  );
}
