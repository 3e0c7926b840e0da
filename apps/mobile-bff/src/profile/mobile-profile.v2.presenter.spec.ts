import type { Order, Product, User } from '@bff/contracts';
import { mobileHomeV2Schema, toMobileHomeV2 } from '../home/mobile-home.v2.presenter';
import { mobileProfileV2Schema, toMobileProfileV2 } from './mobile-profile.v2.presenter';

const user: User = { id: 'u1', name: 'Ada', email: 'ada@example.com', avatarUrl: 'a.png', tier: 'gold', createdAt: '2024-01-01T00:00:00.000Z' };
const teapot: Product = { id: 'p1', name: 'Teapot', description: 'Pours', price: 1980, currency: 'JPY', imageUrl: 't.jpg', thumbnailUrl: 't-t.jpg' };
const order: Order = {
  id: 'o1',
  userId: 'u1',
  status: 'shipped',
  total: 1146.84,
  currency: 'USD',
  createdAt: '2026-01-01T00:00:00.000Z',
  items: [{ productId: 'p1', quantity: 2, unitPrice: 573.42 }],
};

describe('toMobileProfileV2', () => {
  it('sends each order total as integer minor units with its currency, and nothing else changes from v1', () => {
    const profile = toMobileProfileV2({ user, orders: [order], products: new Map([['p1', teapot]]), degraded: ['products'] });
    expect(profile).toEqual({
      user: { id: 'u1', name: 'Ada', avatarUrl: 'a.png' },
      recentOrders: [{ id: 'o1', status: 'shipped', total: { amountMinor: 114684, currency: 'USD' }, itemCount: 2, thumbnailUrl: 't-t.jpg' }],
      meta: { degraded: ['products'] },
    });
    expect(mobileProfileV2Schema.parse(profile)).toEqual(profile);
  });
});

describe('an unknown order status in v2', () => {
  it('takes the same fallback as v1: a version changes shapes, never meaning', () => {
    const profile = toMobileProfileV2({ user, orders: [{ ...order, status: 'on-hold' }], products: new Map(), degraded: [] });
    expect(profile.recentOrders[0]?.status).toBe('processing');
    expect(mobileProfileV2Schema.parse(profile)).toEqual(profile);
  });
});

describe('toMobileHomeV2', () => {
  it('prices each recommended card in its own currency’s minor unit (yen has none)', () => {
    const home = toMobileHomeV2({
      user,
      orders: [order],
      recommendations: [{ productId: 'p1', score: 0.9 }],
      products: new Map([['p1', teapot]]),
      degraded: [],
    });
    expect(home.recommendations).toEqual([{ id: 'p1', name: 'Teapot', price: { amountMinor: 1980, currency: 'JPY' }, thumbnailUrl: 't-t.jpg' }]);
    expect(home.recentOrders[0]?.total).toEqual({ amountMinor: 114684, currency: 'USD' });
    expect(mobileHomeV2Schema.parse(home)).toEqual(home);
  });
});
