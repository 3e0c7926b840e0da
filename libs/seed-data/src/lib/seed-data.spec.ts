import { seedOrdersOf } from './order.seed';
import { seedProducts } from './product.seed';
import { seedRecommendationsFor } from './recommendation.seed';
import { seedUser, seedUsers } from './user.seed';

const products = new Map(seedProducts().map((product) => [product.id, product]));

describe('seed data', () => {
  it('is the same on every run: u42 is always the same person', () => {
    expect(seedUser(42)).toEqual(seedUser(42));
    expect(seedUser(42)).toEqual({
      id: 'u42',
      name: expect.any(String),
      email: expect.stringMatching(/^[a-z]+\.[a-z]+\.42@example\.com$/),
      avatarUrl: '/images/avatars/u42.svg',
      tier: expect.stringMatching(/^(standard|silver|gold)$/),
      createdAt: expect.stringMatching(/^202[34]-/),
    });
    expect(seedUsers()).toHaveLength(1000);
  });

  it('gives every user 50 orders of 3 distinct catalog products, newest first, totals that add up', () => {
    const orders = seedOrdersOf('u42', products);
    expect(orders.map((order) => order.id)).toEqual(Array.from({ length: 50 }, (_, i) => `o42-${i + 1}`));
    const times = orders.map((order) => Date.parse(order.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const order of orders) {
      expect(new Set(order.items.map((item) => item.productId)).size).toBe(3);
      for (const item of order.items) expect(item.unitPrice).toBe(products.get(item.productId)?.price);
      const sum = order.items.reduce((total, item) => total + item.quantity * item.unitPrice, 0);
      expect(order.total).toBeCloseTo(sum, 2);
    }
  });

  it('keeps the first orders the same whatever the count, so that more seed orders only add older ones', () => {
    expect(seedOrdersOf('u42', products, 10)).toEqual(seedOrdersOf('u42', products).slice(0, 10));
  });

  it('recommends 50 distinct products, best first', () => {
    const recommendations = seedRecommendationsFor('u42');
    expect(new Set(recommendations.map((r) => r.productId)).size).toBe(50);
    const scores = recommendations.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});
