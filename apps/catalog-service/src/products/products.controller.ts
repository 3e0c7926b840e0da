import { PRODUCT_BATCH_MAX_IDS, PRODUCT_QUERY_MAX_LENGTH, PRODUCT_SEARCH_LIMIT, type Product } from '@bff/contracts';
import { AssetUrls, ParseLimitPipe } from '@bff/service-runtime';
import { BadRequestException, Controller, Get, NotFoundException, Param, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProductsStore } from './products.store';

@Controller('products')
export class ProductsController {
  constructor(
    private readonly products: ProductsStore,
    private readonly assets: AssetUrls,
  ) {}

  /**
   * `?ids=p1,p2,...`: the products that exist, in the order asked; unknown ids are left out.
   * Without `ids`, a search: `?q=&limit=&after=`, in catalog order (see PRODUCT_SEARCH_LIMIT).
   */
  @Get()
  listProducts(
    @Query('ids') ids: unknown,
    @Query('q') q: unknown,
    @Query('after') after: unknown,
    @Query('limit', new ParseLimitPipe(PRODUCT_SEARCH_LIMIT)) limit: number,
    @Req() request: FastifyRequest,
  ): Product[] {
    if (ids !== undefined) {
      if (typeof ids !== 'string' || ids === '') throw new BadRequestException('ids must be a comma-separated list of product ids');
      if (q !== undefined || after !== undefined) throw new BadRequestException('ids cannot be combined with q or after');
      const list = ids.split(',').filter((id) => id !== '');
      if (list.length > PRODUCT_BATCH_MAX_IDS) throw new BadRequestException(`ids takes at most ${PRODUCT_BATCH_MAX_IDS} product ids`);
      return this.products.findMany(list).map((product) => this.present(product, request));
    }
    if (q !== undefined && (typeof q !== 'string' || q.length > PRODUCT_QUERY_MAX_LENGTH)) {
      throw new BadRequestException(`q must be one text of at most ${PRODUCT_QUERY_MAX_LENGTH} characters`);
    }
    if (after !== undefined && typeof after !== 'string') throw new BadRequestException('after must be one product id');
    const page = this.products.search(q ?? '', limit, after || undefined);
    if (!page) throw new BadRequestException('after must be a product id');
    return page.map((product) => this.present(product, request));
  }

  @Get(':id')
  getProduct(@Param('id') id: string, @Req() request: FastifyRequest): Product {
    const product = this.products.find(id);
    if (!product) throw new NotFoundException('Product not found');
    return this.present(product, request);
  }

  /** The seed pictures as URLs the caller's browser can load. */
  private present(product: Product, request: FastifyRequest): Product {
    return { ...product, imageUrl: this.assets.resolve(product.imageUrl, request), thumbnailUrl: this.assets.resolve(product.thumbnailUrl, request) };
  }
}
