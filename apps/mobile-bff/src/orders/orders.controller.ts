import { firstItemProducts, type OrderData, OrderAggregator, type OrderPageData, type PageRequest } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { orderIdSchema } from '@bff/contracts';
import { CallContext } from '@bff/gateway';
import { ApiErrorResponse, ApiResponseSchema, ApiSummary, ValidParam, ValidQuery } from '@bff/openapi';
import { pageQuerySchema } from '@bff/request-validation';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get, Version } from '@nestjs/common';
import { MOBILE_API } from '../mobile-api.versions';
import {
  MOBILE_ORDER_PAGE,
  type MobileOrderPageV1,
  mobileOrderPageV1Schema,
  type MobileOrderV1,
  mobileOrderV1Schema,
  toMobileOrderPageV1,
  toMobileOrderV1,
} from './mobile-order.v1.presenter';
import { type MobileOrderPageV2, mobileOrderPageV2Schema, type MobileOrderV2, mobileOrderV2Schema, toMobileOrderPageV2, toMobileOrderV2 } from './mobile-order.v2.presenter';

const orderPageQuerySchema = pageQuerySchema(MOBILE_ORDER_PAGE);

/** The caller's orders, compact: a list of 10 a page with one thumbnail per order, and one order's lines. */
@Controller('orders')
@Scopes('orders:read')
export class OrdersController {
  constructor(private readonly orders: OrderAggregator) {}

  @Get()
  @Version(MOBILE_API.v1)
  @ApiSummary("A page of the caller's orders, newest first (money in major units)")
  @ApiResponseSchema('MobileOrderPageV1', mobileOrderPageV1Schema)
  async listOrdersV1(@ValidQuery(orderPageQuerySchema) query: PageRequest, @CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileOrderPageV1> {
    return toMobileOrderPageV1(await this.page(user, query, context));
  }

  @Get()
  @Version(MOBILE_API.v2)
  @ApiSummary("A page of the caller's orders, newest first (money in minor units)")
  @ApiResponseSchema('MobileOrderPageV2', mobileOrderPageV2Schema)
  async listOrdersV2(@ValidQuery(orderPageQuerySchema) query: PageRequest, @CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileOrderPageV2> {
    return toMobileOrderPageV2(await this.page(user, query, context));
  }

  /** Someone else's order is a 404, like a missing one. */
  @Get(':id')
  @Version(MOBILE_API.v1)
  @ApiSummary("One of the caller's orders and its lines (money in major units)")
  @ApiResponseSchema('MobileOrderV1', mobileOrderV1Schema)
  @ApiErrorResponse(404, 'No order with this id belongs to the caller')
  async getOrderV1(@ValidParam('id', orderIdSchema) id: string, @CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileOrderV1> {
    return toMobileOrderV1(await this.load(id, user, context));
  }

  @Get(':id')
  @Version(MOBILE_API.v2)
  @ApiSummary("One of the caller's orders and its lines (money in minor units)")
  @ApiResponseSchema('MobileOrderV2', mobileOrderV2Schema)
  @ApiErrorResponse(404, 'No order with this id belongs to the caller')
  async getOrderV2(@ValidParam('id', orderIdSchema) id: string, @CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileOrderV2> {
    return toMobileOrderV2(await this.load(id, user, context));
  }

  private page(user: AuthenticatedUser, query: PageRequest, context: DownstreamCallContext): Promise<OrderPageData> {
    return this.orders.page(user.sub, { ...query, productIdsOf: firstItemProducts }, context);
  }

  private load(id: string, user: AuthenticatedUser, context: DownstreamCallContext): Promise<OrderData> {
    return this.orders.load(id, user.sub, context);
  }
}
