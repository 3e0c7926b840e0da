import { type Page, ProductSearch } from '@bff/aggregation';
import { PRODUCT_QUERY_MAX_LENGTH, type Product, productIdSchema } from '@bff/contracts';
import { CallContext, DEGRADED_HEADER } from '@bff/gateway';
import { ApiErrorResponse, ApiResponseSchema, ApiSummary, ValidParam, ValidQuery } from '@bff/openapi';
import { pageQuerySchema } from '@bff/request-validation';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get, Res, Version } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { MOBILE_API } from '../mobile-api.versions';
import {
  MOBILE_PRODUCT_PAGE,
  type MobileProductPageV1,
  mobileProductPageV1Schema,
  type MobileProductV1,
  mobileProductV1Schema,
  toMobileProductPageV1,
  toMobileProductV1,
} from './mobile-product.v1.presenter';
import { type MobileProductPageV2, mobileProductPageV2Schema, type MobileProductV2, mobileProductV2Schema, toMobileProductPageV2, toMobileProductV2 } from './mobile-product.v2.presenter';

const searchQuerySchema = pageQuerySchema(MOBILE_PRODUCT_PAGE).extend({ q: z.string().trim().max(PRODUCT_QUERY_MAX_LENGTH).optional() });
type SearchQuery = z.infer<typeof searchQuerySchema>;

/** Catalog search and one product, compact: thumbnails, not full-size images; 10 a page. */
@Controller('products')
export class ProductsController {
  constructor(private readonly catalog: ProductSearch) {}

  @Get()
  @Version(MOBILE_API.v1)
  @ApiSummary('Search the catalog, 10 a page (money in major units)')
  @ApiResponseSchema('MobileProductPageV1', mobileProductPageV1Schema)
  async searchV1(@ValidQuery(searchQuerySchema) query: SearchQuery, @CallContext() context: DownstreamCallContext): Promise<MobileProductPageV1> {
    return toMobileProductPageV1(await this.search(query, context));
  }

  @Get()
  @Version(MOBILE_API.v2)
  @ApiSummary('Search the catalog, 10 a page (money in minor units)')
  @ApiResponseSchema('MobileProductPageV2', mobileProductPageV2Schema)
  async searchV2(@ValidQuery(searchQuerySchema) query: SearchQuery, @CallContext() context: DownstreamCallContext): Promise<MobileProductPageV2> {
    return toMobileProductPageV2(await this.search(query, context));
  }

  /** From the gateway's cache when the catalog fails (then `X-Degraded: product`). */
  @Get(':id')
  @Version(MOBILE_API.v1)
  @ApiSummary('One product (money in major units)')
  @ApiResponseSchema('MobileProductV1', mobileProductV1Schema)
  @ApiErrorResponse(404, 'The catalog has no product with this id')
  async getProductV1(@ValidParam('id', productIdSchema) id: string, @CallContext() context: DownstreamCallContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<MobileProductV1> {
    return toMobileProductV1(await this.get(id, context, reply));
  }

  @Get(':id')
  @Version(MOBILE_API.v2)
  @ApiSummary('One product (money in minor units)')
  @ApiResponseSchema('MobileProductV2', mobileProductV2Schema)
  @ApiErrorResponse(404, 'The catalog has no product with this id')
  async getProductV2(@ValidParam('id', productIdSchema) id: string, @CallContext() context: DownstreamCallContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<MobileProductV2> {
    return toMobileProductV2(await this.get(id, context, reply));
  }

  private search(query: SearchQuery, context: DownstreamCallContext): Promise<Page<Product>> {
    return this.catalog.search(query.q, query, context);
  }

  private async get(id: string, context: DownstreamCallContext, reply: FastifyReply): Promise<Product> {
    const { product, degraded } = await this.catalog.get(id, context);
    if (degraded.length > 0) void reply.header(DEGRADED_HEADER, degraded.join(', '));
    return product;
  }
}
