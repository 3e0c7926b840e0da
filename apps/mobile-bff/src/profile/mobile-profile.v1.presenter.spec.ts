import type { Order, Product, User } from '@bff/contracts';
import { mobileHomeV1Schema, toMobileHomeV1 } from '../home/mobile-home.v1.presenter';
import { mobileProfileV1Schema, toMobileProfileV1 } from './mobile-profile.v1.presenter';

const user: User = { id: 'u1', name: 'Ada', email: 'ada@example.com', avatarUrl: 'a.png', tier: 'gold', createdAt: '2024-01-01T00:00:00.000Z' };
const kettle: Product = { id: 'p1', name: 'Kettle', description: 'Boils', price: 20, currency: 'USD', imageUrl: 'k.jpg', thumbnailUrl: 'k-t.jpg' };
const order = (id: string, items: Order['items']): Order => ({
  id,
  userId: 'u1',
  status: 'delivered',
  total: 45,
  currency: 'USD',
  createdAt: '2026-01-01T00:00:00.000Z',
  items,
});

describe('toMobileProfileV1', () => {
  it('keeps only what the phone shows: no email, no items, one thumbnail and a unit count per order', () => {
    const orders = [
      order('o1', [
        { productId: 'p1', quantity: 2, unitPrice: 20 },
        { productId: 'p2', quantity: 1, unitPrice: 5 },
      ]),
      order('o2', []),
      order('o3', [{ productId: 'p-gone', quantity: 1, unitPrice: 5 }]),
    ];

    const profile = toMobileProfileV1({ user, orders, products: new Map([['p1', kettle]]), degraded: [] });
    expect(profile).toEqual({
      user: { id: 'u1', name: 'Ada', avatarUrl: 'a.png' },
      recentOrders: [
        { id: 'o1', status: 'delivered', total: 45, currency: 'USD', itemCount: 3, thumbnailUrl: 'k-t.jpg' },
        { id: 'o2', status: 'delivered', total: 45, currency: 'USD', itemCount: 0, thumbnailUrl: null },
        { id: 'o3', status: 'delivered', total: 45, currency: 'USD', itemCount: 1, thumbnailUrl: null },
      ],
      meta: { degraded: [] },
    });
    // The published schema is strict: a field the presenter adds without the schema fails here.
    expect(mobileProfileV1Schema.parse(profile)).toEqual(profile);
  });
});

describe('an order status the apps in the field do not know', () => {
  it('is sent as the documented fallback, since v1 published a closed set; a known one as it is', () => {
    const returned: Order = { ...order('o1', []), status: 'returned' };
    const profile = toMobileProfileV1({ user, orders: [returned, order('o2', [])], products: new Map(), degraded: [] });
    expect(profile.recentOrders.map(({ status }) => status)).toEqual(['processing', 'delivered']);
    expect(mobileProfileV1Schema.parse(profile)).toEqual(profile);
  });
});

describe('toMobileHomeV1', () => {
  it('keeps recommendations to the card a phone shows: id, name, price, thumbnail; drops ones the catalog lacks', () => {
    const home = toMobileHomeV1({
      user,
      orders: [],
      recommendations: [
        { productId: 'p1', score: 0.9 },
        { productId: 'p-gone', score: 0.8 },
      ],
      products: new Map([['p1', kettle]]),
      degraded: [],
    });
    expect(home.recommendations).toEqual([{ id: 'p1', name: 'Kettle', price: 20, thumbnailUrl: 'k-t.jpg' }]);
    expect(home.user).toEqual({ id: 'u1', name: 'Ada', avatarUrl: 'a.png' });
    expect(mobileHomeV1Schema.parse(home)).toEqual(home);
  });
});
