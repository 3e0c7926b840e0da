import type { Page } from '@bff/aggregation';
import type { Product } from '@bff/contracts';
import { z } from 'zod';

/** The default and largest page of the phone's product search. */
export const MOBILE_PRODUCT_PAGE = { default: 10, max: 20 } as const;

/** A search result row: name, price and the thumbnail (never the full-size image). */
export const mobileProductCardV1Schema = z.strictObject({
  id: z.string(),
  name: z.string(),
  price: z.number().describe('In major units.'),
  currency: z.string(),
  thumbnailUrl: z.string().describe('Empty when the catalog has no picture: show a placeholder.'),
});

/** mobile-bff `GET /api/v1/products` (and unversioned). */
export const mobileProductPageV1Schema = z.strictObject({
  products: z.array(mobileProductCardV1Schema),
  nextCursor: z.string().nullable().describe('Pass as `?cursor=` for the next page; null on the last.'),
});

/** mobile-bff `GET /api/v1/products/:id` (and unversioned): the card and its description. */
export const mobileProductV1Schema = mobileProductCardV1Schema.extend({ description: z.string().describe('Empty when the catalog has none.') });

export type MobileProductCardV1 = z.infer<typeof mobileProductCardV1Schema>;
export type MobileProductPageV1 = z.infer<typeof mobileProductPageV1Schema>;
export type MobileProductV1 = z.infer<typeof mobileProductV1Schema>;

export const toMobileProductCardV1 = ({ id, name, price, currency, thumbnailUrl }: Product): MobileProductCardV1 => ({ id, name, price, currency, thumbnailUrl });

export const toMobileProductPageV1 = ({ items, nextCursor }: Page<Product>): MobileProductPageV1 => ({ products: items.map(toMobileProductCardV1), nextCursor });

export const toMobileProductV1 = (product: Product): MobileProductV1 => ({ ...toMobileProductCardV1(product), description: product.description });
