import { PRODUCT_BATCH_MAX_IDS, type Product, productListSchema, prepareContracts } from '@bff/contracts';
import { Injectable } from '@nestjs/common';
import type { CredentialPolicy } from './credential.policy';
import type { DownstreamCallContext } from './downstream-call.context';
import { InvalidCursorError } from './downstream.errors';
import { DownstreamHttp } from './downstream.http';

/** The catalog is the same for everyone: catalog-service is told nothing about the caller. */
const SENT: CredentialPolicy = 'none';

/** catalog-service. */
@Injectable()
export class CatalogClient {
  constructor(private readonly http: DownstreamHttp) {
    prepareContracts(productListSchema);
  }

  /**
   * The products among `ids` that exist, fetched in batches of at most 100 ids
   * (one call for most screens), each id asked for once.
   */
  async getProducts(ids: readonly string[], context?: DownstreamCallContext): Promise<Product[]> {
    const unique = [...new Set(ids)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += PRODUCT_BATCH_MAX_IDS) batches.push(unique.slice(i, i + PRODUCT_BATCH_MAX_IDS));
    const results = await Promise.all(
      batches.map((batch) =>
        this.http.get({
          service: 'catalog',
          path: `/products?ids=${batch.map(encodeURIComponent).join(',')}`,
          schema: productListSchema,
          credentials: SENT,
          context,
        }),
      ),
    );
    return results.flat();
  }

  /**
   * A page of the products whose name or description contains `text` (all without it), in catalog order.
   * @throws InvalidCursorError when `after` is not a product id
   */
  search(text: string | undefined, page: { limit: number; after?: string }, context?: DownstreamCallContext): Promise<Product[]> {
    const query = new URLSearchParams({ limit: String(page.limit) });
    if (text !== undefined && text !== '') query.set('q', text);
    if (page.after !== undefined) query.set('after', page.after);
    return this.http.get({
      service: 'catalog',
      path: `/products?${query}`,
      schema: productListSchema,
      // Only a page that starts somewhere can be refused for it; any other 400 breaks the contract.
      ...(page.after === undefined ? {} : { rejections: { 400: () => new InvalidCursorError() } }),
      credentials: SENT,
      context,
    });
  }
}
