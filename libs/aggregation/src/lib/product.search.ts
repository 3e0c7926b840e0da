import type { Product } from '@bff/contracts';
import { CatalogClient, type DownstreamCallContext, DownstreamNotFoundError } from '@bff/service-clients';
import { Injectable } from '@nestjs/common';
import { type Page, PageCursors, type PageRequest } from './page.cursor';
import { ProductCatalog } from './product.catalog';

/** One product, as the gateway serves it: from the shared cache, stale when the catalog is failing. */
export interface ProductData {
  product: Product;
  degraded: string[];
}

/** The catalog's screens: search with cursor paging, and one product. */
@Injectable()
export class ProductSearch {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly products: ProductCatalog,
    private readonly cursors: PageCursors,
  ) {}

  /**
   * The products whose name or description contains `text` (all without it), in catalog order.
   * Its cursors page this search only; the catalog is the same for everyone, so they are not bound
   * to the user.
   * @throws InvalidCursorError for a cursor this list did not hand out
   */
  search(text: string | undefined, request: PageRequest, call?: DownstreamCallContext): Promise<Page<Product>> {
    return this.cursors.readPage({ kind: 'products', of: text ?? '' }, request, (page) => this.catalog.search(text, page, call));
  }

  /** @throws DownstreamNotFoundError when the catalog has no such product */
  async get(id: string, call?: DownstreamCallContext): Promise<ProductData> {
    const { products, stale } = await this.products.get([id], call);
    const product = products.get(id);
    if (!product) throw new DownstreamNotFoundError('catalog', 'product');
    return { product, degraded: stale ? ['product'] : [] };
  }
}
