import { firstItemProducts, type OrderData, OrderAggregator, type OrderPageData, type PageRequest } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { orderIdSchema } from '@bff/contracts';
import { ApiErrorResponse, ApiPathParams, ApiQuerySchema, ApiResponseSchema, ApiSummary, CallContext } from '@bff/gateway';
import { pageQuerySchema, ZodValidationPipe } from '@bff/request-validation';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get, Param, Query, Version } from '@nestjs/common';
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

const orderPageQuery = new ZodValidationPipe(pageQuerySchema(MOBILE_ORDER_PAGE));
const orderId = new ZodValidationPipe(orderIdSchema, 'id');

/** The caller's orders, compact: a list of 10 a page with one thumbnail per order, and one order's lines. */
@Controller('orders')
@Scopes('orders:read')
export class OrdersController {
  constructor(private readonly orders: OrderAggregator) {}

  @Get()
  @Version(MOBILE_API.v1)
  @ApiSummary("A page of the caller's orders, newest first (money in major units)")
  @ApiQuerySchema(pageQuerySchema(MOBILE_ORDER_PAGE))
  @ApiResponseSchema('MobileOrderPageV1', mobileOrderPageV1Schema)
  async listOrdersV1(@Query(orderPageQuery) query: PageRequest, @CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileOrderPageV1> {
    return toMobileOrderPageV1(await this.page(user, query, context));
  }

  @Get()
  @Version(MOBILE_API.v2)
  @ApiSummary("A page of the caller's orders, newest first (money in minor units)")
  @ApiQuerySchema(pageQuerySchema(MOBILE_ORDER_PAGE))
  @ApiResponseSchema('MobileOrderPageV2', mobileOrderPageV2Schema)
  async listOrdersV2(@Query(orderPageQuery) query: PageRequest, @CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileOrderPageV2> {
    return toMobileOrderPageV2(await this.page(user, query, context));
  }

  /** Someone else's order is a 404, like a missing one. */
  @Get(':id')
  @Version(MOBILE_API.v1)
  @ApiSummary("One of the caller's orders and its lines (money in major units)")
  @ApiPathParams({ id: orderIdSchema })
  @ApiResponseSchema('MobileOrderV1', mobileOrderV1Schema)
  @ApiErrorResponse(404, 'No order with this id belongs to the caller')
  async getOrderV1(@Param('id', orderId) id: string, @CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileOrderV1> {
    return toMobileOrderV1(await this.load(id, user, context));
  }

  @Get(':id')
  @Version(MOBILE_API.v2)
  @ApiSummary("One of the caller's orders and its lines (money in minor units)")
  @ApiPathParams({ id: orderIdSchema })
  @ApiResponseSchema('MobileOrderV2', mobileOrderV2Schema)
  @ApiErrorResponse(404, 'No order with this id belongs to the caller')
  async getOrderV2(@Param('id', orderId) id: string, @CurrentUser() user: AuthenticatedUser, @CallContext() context: DownstreamCallContext): Promise<MobileOrderV2> {
    return toMobileOrderV2(await this.load(id, user, context));
  }

  private page(user: AuthenticatedUser, query: PageRequest, context: DownstreamCallContext): Promise<OrderPageData> {
    return this.orders.page(user.sub, { ...query, productIdsOf: firstItemProducts }, context);
  }

  private load(id: string, user: AuthenticatedUser, context: DownstreamCallContext): Promise<OrderData> {
    return this.orders.load(id, user.sub, context);
  }
}
