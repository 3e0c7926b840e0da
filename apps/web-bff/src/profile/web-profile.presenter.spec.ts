import type { Order, Product, User } from '@bff/contracts';
import { toWebHome } from '../home/web-home.presenter';
import { toWebProfile, webProfileSchema } from './web-profile.presenter';

const user: User = { id: 'u1', name: 'Ada', email: 'ada@example.com', avatarUrl: 'a.png', tier: 'gold', createdAt: '2024-01-01T00:00:00.000Z' };
const kettle: Product = { id: 'p1', name: 'Kettle', description: 'Boils', price: 20, currency: 'USD', imageUrl: 'k.jpg', thumbnailUrl: 'k-t.jpg' };
const order: Order = {
  id: 'o1',
  userId: 'u1',
  status: 'shipped',
  total: 45,
  currency: 'USD',
  createdAt: '2026-01-01T00:00:00.000Z',
  items: [
    { productId: 'p1', quantity: 2, unitPrice: 20 },
    { productId: 'p404', quantity: 1, unitPrice: 5 },
  ],
};

describe('toWebProfile', () => {
  it('keeps the whole user and order, and puts each item’s product inside it', () => {
    expect(toWebProfile({ user, orders: [order], products: new Map([['p1', kettle]]), degraded: ['products'] })).toEqual({
      user,
      orders: [
        {
          ...order,
          items: [
            { productId: 'p1', quantity: 2, unitPrice: 20, product: kettle },
            { productId: 'p404', quantity: 1, unitPrice: 5, product: null },
          ],
        },
      ],
      meta: { degraded: ['products'] },
    });
  });
});

describe('values the services added after this gateway was built', () => {
  it('reach the web app as the strings they are: a tier and an order status are open sets', () => {
    const platinum: User = { ...user, tier: 'platinum' };
    const returned: Order = { ...order, status: 'returned' };
    const profile = toWebProfile({ user: platinum, orders: [returned], products: new Map([['p1', kettle]]), degraded: [] });
    expect([profile.user.tier, profile.orders[0]?.status]).toEqual(['platinum', 'returned']);
    expect(webProfileSchema.parse(profile)).toEqual(profile);

    const home = toWebHome({ user: platinum, orders: [returned], recommendations: [], products: new Map(), degraded: [] });
    expect([home.user.tier, home.recentOrders[0]?.status]).toEqual(['platinum', 'returned']);
  });
});
