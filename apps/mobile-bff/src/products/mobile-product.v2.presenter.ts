import type { Page } from '@bff/aggregation';
import type { Product } from '@bff/contracts';
import { z } from 'zod';
import { moneySchema, toMoney } from '../money/money.presenter';
import { mobileProductCardV1Schema } from './mobile-product.v1.presenter';

/** v2's card: the price is Money, and the currency moves into it. */
export const mobileProductCardV2Schema = mobileProductCardV1Schema.omit({ price: true, currency: true }).extend({ price: moneySchema });

/** mobile-bff `GET /api/v2/products`. */
export const mobileProductPageV2Schema = z.strictObject({
  products: z.array(mobileProductCardV2Schema),
  nextCursor: z.string().nullable().describe('Pass as `?cursor=` for the next page; null on the last.'),
});

/** mobile-bff `GET /api/v2/products/:id`. */
export const mobileProductV2Schema = mobileProductCardV2Schema.extend({ description: z.string().describe('Empty when the catalog has none.') });

export type MobileProductCardV2 = z.infer<typeof mobileProductCardV2Schema>;
export type MobileProductPageV2 = z.infer<typeof mobileProductPageV2Schema>;
export type MobileProductV2 = z.infer<typeof mobileProductV2Schema>;

export const toMobileProductCardV2 = ({ id, name, price, currency, thumbnailUrl }: Product): MobileProductCardV2 => ({
  id,
  name,
  price: toMoney(price, currency),
  thumbnailUrl,
});

export const toMobileProductPageV2 = ({ items, nextCursor }: Page<Product>): MobileProductPageV2 => ({ products: items.map(toMobileProductCardV2), nextCursor });

export const toMobileProductV2 = (product: Product): MobileProductV2 => ({ ...toMobileProductCardV2(product), description: product.description });
