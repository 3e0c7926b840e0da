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

export type Product = z.infer<typeof productSchema>;
