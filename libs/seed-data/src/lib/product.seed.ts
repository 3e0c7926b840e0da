import type { Product } from '@bff/contracts';
import { productPicturePath } from './seed.pictures';
import { between, pick, roundToCents, seededRandom } from './seed.random';

export const SEED_PRODUCT_COUNT = 100;
export const SEED_CURRENCY = 'USD';

const adjectives = ['Classic', 'Compact', 'Deluxe', 'Everyday', 'Featherweight', 'Heritage', 'Modern', 'Rugged', 'Smart', 'Studio'];
const nouns = ['Backpack', 'Bottle', 'Headphones', 'Jacket', 'Kettle', 'Lamp', 'Notebook', 'Sneakers', 'Speaker', 'Watch'];
const materials = ['recycled aluminium', 'organic cotton', 'walnut', 'stainless steel', 'canvas', 'ceramic'];

export const seedProductId = (n: number): string => `p${n}`;

export function seedProduct(n: number): Product {
  const random = seededRandom(`product:${n}`);
  const id = seedProductId(n);
  const name = `${pick(random, adjectives)} ${pick(random, nouns)} ${n}`;
  return {
    id,
    name,
    description: `${name}, made of ${pick(random, materials)}. Seed product for local runs and tests.`,
    price: roundToCents(between(random, 500, 25_000) / 100),
    currency: SEED_CURRENCY,
    // Paths under the asset base: catalog-service answers them as URLs (and serves the pictures).
    imageUrl: productPicturePath(id, 'image'),
    thumbnailUrl: productPicturePath(id, 'thumb'),
  };
}

/** Products p1..p100. */
export function seedProducts(): Product[] {
  return Array.from({ length: SEED_PRODUCT_COUNT }, (_, i) => seedProduct(i + 1));
}
