import { z } from 'zod';

/** catalog-service `GET /products/:id`, and each element of `GET /products?ids=`. */
export const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().nonnegative(),
  currency: z.string(),
  imageUrl: z.string(),
  thumbnailUrl: z.string(),
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
