import type { Page } from '@bff/aggregation';
import { type Product, productSchema } from '@bff/contracts';
import { z } from 'zod';

/** `GET /api/products` on web-bff: a page of search results, whole products, in catalog order. */
export const webProductPageSchema = z.object({
  products: z.array(productSchema),
  /** Pass as `?cursor=` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});

export type WebProductPage = z.infer<typeof webProductPageSchema>;

/** The default and largest page of `GET /api/products`. */
export const WEB_PRODUCT_PAGE = { default: 20, max: 50 } as const;

export const toWebProductPage = ({ items, nextCursor }: Page<Product>): WebProductPage => ({ products: items, nextCursor });
