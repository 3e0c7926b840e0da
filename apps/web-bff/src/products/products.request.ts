import { PRODUCT_QUERY_MAX_LENGTH, productIdSchema } from '@bff/contracts';
import { pageQuerySchema } from '@bff/request-validation';
import { z } from 'zod';
import { WEB_PRODUCT_PAGE } from './web-product.presenter';

/** `?q=&cursor=&limit=`: `q` is matched in names and descriptions, any case; without it, every product. */
export const productSearchQuerySchema = pageQuerySchema(WEB_PRODUCT_PAGE).extend({
  q: z.string().trim().max(PRODUCT_QUERY_MAX_LENGTH).optional(),
});

export { productIdSchema };

export type ProductSearchQuery = z.infer<typeof productSearchQuerySchema>;
