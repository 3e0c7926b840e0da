import { z } from 'zod';

/**
 * catalog-service `GET /products/:id`, and each element of `GET /products?ids=`, read tolerantly:
 * fields it does not name are dropped, the description and pictures default to empty, and only a
 * product without an id, a name or a price in a currency breaks the contract.
 */
export const productSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().default('').describe('Empty when the catalog has none.'),
  price: z.number().nonnegative(),
  currency: z.string(),
  imageUrl: z.string().default('').describe('Empty when the catalog has no picture: show a placeholder.'),
  thumbnailUrl: z.string().default('').describe('Empty when the catalog has no picture: show a placeholder.'),
});

export const productListSchema = z.array(productSchema);

/** The most ids one `GET /products?ids=` call accepts. */
export const PRODUCT_BATCH_MAX_IDS = 100;

/**
 * catalog-service `GET /products?q=&limit=&after=` (without `ids`): the products whose name or
 * description contains `q` (any case; all products without it), in catalog order, starting after
 * the product id `after`. The default and the most one page holds.
 */
export const PRODUCT_SEARCH_LIMIT = { default: 20, max: 100 } as const;

/** The longest search text accepted. */
export const PRODUCT_QUERY_MAX_LENGTH = 100;

export type Product = z.infer<typeof productSchema>;
