import { ProductSearch } from '@bff/aggregation';
import { type Product, productSchema } from '@bff/contracts';
import { CallContext, DEGRADED_HEADER } from '@bff/gateway';
import { ApiErrorResponse, ApiResponseSchema, ApiSummary, ValidParam, ValidQuery } from '@bff/openapi';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { productIdSchema, type ProductSearchQuery, productSearchQuerySchema } from './products.request';
import { toWebProductPage, type WebProductPage, webProductPageSchema } from './web-product.presenter';

@Controller('products')
export class ProductsController {
  constructor(private readonly search: ProductSearch) {}

  /** Catalog search, a page at a time (`?q=&cursor=&limit=`, 20 by default, at most 50). */
  @Get()
  @ApiSummary('Search the catalog, a page at a time')
  @ApiResponseSchema('WebProductPage', webProductPageSchema)
  async searchProducts(
    @ValidQuery(productSearchQuerySchema) query: ProductSearchQuery,
    @CallContext() context: DownstreamCallContext,
  ): Promise<WebProductPage> {
    return toWebProductPage(await this.search.search(query.q, query, context));
  }

  /** One product; from the gateway's cache when the catalog fails (then `X-Degraded: product`). */
  @Get(':id')
  @ApiSummary('One product')
  @ApiResponseSchema('Product', productSchema)
  @ApiErrorResponse(404, 'The catalog has no product with this id')
  async getProduct(
    @ValidParam('id', productIdSchema) id: string,
    @CallContext() context: DownstreamCallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Product> {
    const { product, degraded } = await this.search.get(id, context);
    if (degraded.length > 0) void reply.header(DEGRADED_HEADER, degraded.join(', '));
    return product;
  }
}
