import { z } from 'zod';
import { describeContractBreach } from './contract-breach.message';
import { knownOr } from './open-set.contract';
import { newOrderSchema, ORDER_STATUSES, orderListSchema, orderSchema, orderStatusSchema } from './order.contract';
import { productListSchema, productSchema } from './product.contract';
import { recommendationListSchema } from './recommendation.contract';
import { userSchema, userTierSchema, userUpdateSchema } from './user.contract';

// What a service written by another team may answer: the README's fields, a value added to a
// vocabulary, and fields this gateway never heard of.
const user = { id: 'u1', name: 'Ada', email: 'ada@example.com', avatarUrl: 'a.png', tier: 'platinum', createdAt: '2024-01-01T00:00:00.000Z' };
const item = { productId: 'p1', quantity: 2, unitPrice: 20, sku: 'K-1', discount: { percent: 5 } };
const order = { id: 'o1', userId: 'u1', status: 'returned', total: 40, currency: 'EUR', createdAt: '2026-01-01T00:00:00.000Z', items: [item], trackingUrl: 'https://t.example/1' };
const product = { id: 'p1', name: 'Kettle', description: 'Boils', price: 20, currency: 'EUR', imageUrl: 'k.jpg', thumbnailUrl: 'k-t.jpg', stock: 3, rating: 4.5 };

describe('reading a service’s answer', () => {
  it('drops every field the contract does not name, at every depth', () => {
    expect(userSchema.parse({ ...user, loyaltyPoints: 120, preferences: { theme: 'dark' } })).toEqual(user);
    const { trackingUrl, ...known } = order;
    void trackingUrl;
    expect(orderListSchema.parse([order])).toEqual([{ ...known, items: [{ productId: 'p1', quantity: 2, unitPrice: 20 }] }]);
    expect(productListSchema.parse([product])).toEqual([
      { id: 'p1', name: 'Kettle', description: 'Boils', price: 20, currency: 'EUR', imageUrl: 'k.jpg', thumbnailUrl: 'k-t.jpg' },
    ]);
    expect(recommendationListSchema.parse([{ productId: 'p1', score: 0.9, reason: 'bought together', model: 'v7' }])).toEqual([{ productId: 'p1', score: 0.9 }]);
  });

  it('carries a tier or a status the gateway does not know through as the string it is', () => {
    expect(userSchema.parse({ ...user, tier: 'free' }).tier).toBe('free');
    expect(userSchema.parse(user).tier).toBe('platinum');
    expect(orderSchema.parse(order).status).toBe('returned');
    expect(orderSchema.parse({ ...order, status: 'shipped' }).status).toBe('shipped');
  });

  it('gives what a screen can do without its documented default', () => {
    const { email, avatarUrl, tier, ...bare } = user;
    void [email, avatarUrl, tier];
    expect(userSchema.parse(bare)).toEqual({ ...bare, email: '', avatarUrl: '', tier: 'standard' });
    const { description, imageUrl, thumbnailUrl, ...plain } = product;
    void [description, imageUrl, thumbnailUrl];
    expect(productSchema.parse(plain)).toEqual({ id: 'p1', name: 'Kettle', price: 20, currency: 'EUR', description: '', imageUrl: '', thumbnailUrl: '' });
  });

  it.each([
    ['a user without an id', userSchema, { ...user, id: undefined }, 'body.id: Invalid input: expected string, received undefined'],
    ['a user with an empty id', userSchema, { ...user, id: '' }, 'body.id: Too small: expected string to have >=1 characters'],
    ['a tier that is not a string', userSchema, { ...user, tier: 3 }, 'body.tier: Invalid input: expected string, received number'],
    ['an order total that is not a number', orderListSchema, [order, { ...order, total: '40.00' }], 'body[1].total: Invalid input: expected number, received string'],
    ['an item without its quantity', orderSchema, { ...order, items: [item, { ...item, quantity: undefined }] }, 'body.items[1].quantity: Invalid input: expected number, received undefined'],
    ['a product without a price', productListSchema, [{ ...product, price: null }], 'body[0].price: Invalid input: expected number, received null'],
  ])('refuses %s, and the message names the field path', (_case, schema: z.ZodType, body, message) => {
    const parsed = schema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error && describeContractBreach(parsed.error)).toBe(message);
  });

  it('names the first issues and counts the rest, never a value of the body', () => {
    const parsed = orderListSchema.safeParse([{ id: 'secret-looking-id', total: 'x' }]);
    expect(parsed.error && describeContractBreach(parsed.error)).toBe(
      'body[0].userId: Invalid input: expected string, received undefined; body[0].status: Invalid input: expected string, received undefined; body[0].total: Invalid input: expected number, received string (and 3 more)',
    );
    const whole = productSchema.safeParse('not an object');
    expect(whole.error && describeContractBreach(whole.error)).toBe('body: Invalid input: expected object, received string');
  });
});

describe('what the gateway sends', () => {
  it('stays strict: a field the contract does not name is refused, not dropped', () => {
    expect(userUpdateSchema.safeParse({ name: 'Ada', tier: 'gold' }).success).toBe(false);
    expect(newOrderSchema.safeParse({ userId: 'u1', items: [{ productId: 'p1', quantity: 1, unitPrice: 0 }] }).success).toBe(false);
  });
});

describe('open sets in the published documents', () => {
  it('are a string with the known values listed beside it', () => {
    expect(z.toJSONSchema(orderStatusSchema, { target: 'openapi-3.0', io: 'output' })).toEqual({
      anyOf: [{ type: 'string', enum: [...ORDER_STATUSES] }, { type: 'string' }],
      description: expect.stringContaining('An open set: processing, shipped, delivered, cancelled today'),
    });
    expect(z.toJSONSchema(userTierSchema, { target: 'openapi-3.0', io: 'output' })).toMatchObject({ anyOf: [{ enum: ['standard', 'silver', 'gold'] }, { type: 'string' }] });
  });

  it('map to a fallback for a client that knows only the closed set', () => {
    expect(knownOr(ORDER_STATUSES, 'shipped', 'processing')).toBe('shipped');
    expect(knownOr(ORDER_STATUSES, 'returned', 'processing')).toBe('processing');
  });
});
