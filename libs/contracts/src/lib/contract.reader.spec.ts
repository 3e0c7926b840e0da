import { z } from 'zod';
import { readContract } from './contract.reader';
import { orderListSchema, orderSchema } from './order.contract';
import { productListSchema, productSchema } from './product.contract';
import { recommendationListSchema } from './recommendation.contract';
import { userSchema } from './user.contract';

const user = { id: 'u1', name: 'Ada', email: 'ada@example.com', avatarUrl: 'a.png', tier: 'gold', createdAt: '2024-01-01T00:00:00.000Z' };
const item = { productId: 'p1', quantity: 2, unitPrice: 20 };
const order = { id: 'o1', userId: 'u1', status: 'shipped', total: 40, currency: 'EUR', createdAt: '2026-01-01T00:00:00.000Z', items: [item] };
const product = { id: 'p1', name: 'Kettle', description: 'Boils', price: 20, currency: 'EUR', imageUrl: 'k.jpg', thumbnailUrl: 'k-t.jpg' };

// Bodies of shapes the sample services never send: what another team's service, or a broken one, may.
const cases: Array<[string, z.ZodType, unknown]> = [
  ['a user as the contract says', userSchema, user],
  ['a user with fields nobody named, nested', userSchema, { ...user, loyalty: { points: 3, tiers: ['a'] }, __proto__x: 1 }],
  ['a user with a tier added downstream', userSchema, { ...user, tier: 'platinum' }],
  ['a user with nothing optional', userSchema, { id: 'u1', name: 'Ada', createdAt: 'x' }],
  ['a user whose tier is null', userSchema, { ...user, tier: null }],
  ['a user with an empty id', userSchema, { ...user, id: '' }],
  ['a user with an id of one emoji', userSchema, { ...user, id: '🦄' }],
  ['a user that is a list', userSchema, [user]],
  ['a user that is null', userSchema, null],
  ['a user that is a string', userSchema, 'u1'],
  ['a user with a numeric name', userSchema, { ...user, name: 42 }],
  ['orders as the contract says', orderListSchema, [order, { ...order, id: 'o2' }]],
  ['an order with a status added downstream and extra fields', orderSchema, { ...order, status: 'on-hold', tracking: { url: 'x' }, items: [{ ...item, sku: 'K' }] }],
  ['an order with a fractional quantity', orderSchema, { ...order, items: [{ ...item, quantity: 1.5 }] }],
  ['an order with a negative total', orderSchema, { ...order, total: -1 }],
  ['an order with a zero quantity', orderSchema, { ...order, items: [{ ...item, quantity: 0 }] }],
  ['an order whose items are an object', orderSchema, { ...order, items: { 0: item } }],
  ['an order with a total as a string', orderListSchema, [order, { ...order, total: '40.00' }]],
  ['orders that are an object', orderListSchema, { orders: [order] }],
  ['an empty order list', orderListSchema, []],
  ['products with pictures missing', productListSchema, [{ id: 'p1', name: 'Kettle', price: 0, currency: 'EUR' }]],
  ['a product with a null picture', productSchema, { ...product, thumbnailUrl: null }],
  ['a product with a huge price', productSchema, { ...product, price: 1e308 }],
  ['recommendations with extra fields', recommendationListSchema, [{ productId: 'p1', score: 0.5, reason: 'x' }]],
  ['a recommendation without a score', recommendationListSchema, [{ productId: 'p1' }]],
];

/** A fresh copy, as a body just parsed from JSON is: the reader changes what it accepts in place. */
const wire = (body: unknown) => (body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as unknown));

describe('readContract: the compiled reader reads every body as zod does', () => {
  it.each(cases)('%s', (_name, schema, body) => {
    const expected = schema.safeParse(wire(body));
    const read = readContract(schema, wire(body));
    expect(read.success).toBe(expected.success);
    if (expected.success) expect(read.data).toEqual(expected.data);
    // A refusal is zod's own, so a breach is logged exactly as before.
    else expect(read.error?.issues).toEqual(expected.error.issues);
  });

  it('reads a schema JSON Schema cannot express with zod alone', () => {
    const trimmed = z.object({ name: z.string().transform((name) => name.trim()) });
    expect(readContract(trimmed, { name: ' Ada ', extra: 1 })).toEqual({ success: true, data: { name: 'Ada' } });
    expect(readContract(trimmed, { name: 1 }).success).toBe(false);
    const refined = z.object({ code: z.string().refine((code) => code.startsWith('K')) });
    expect(readContract(refined, { code: 'X1' }).success).toBe(false);
    const email = z.object({ email: z.email() });
    expect(readContract(email, { email: 'not an address' }).success).toBe(false);
  });
});
