import { allItemProducts, OrderAggregator } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { CallContext } from '@bff/gateway';
import { ApiErrorResponse, ApiResponseSchema, ApiSummary, ValidBody, ValidHeader, ValidParam, ValidQuery } from '@bff/openapi';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  idempotencyKeyHeaderSchema,
  orderIdSchema,
  type OrderPageQuery,
  orderPageQuerySchema,
  type PlaceOrderBody,
  placeOrderBodySchema,
} from './orders.request';
import { toPlacedWebOrder, toWebOrder, toWebOrderPage, type WebOrder, type WebOrderPage, webOrderPageSchema, webOrderSchema } from './web-order.presenter';

const IDEMPOTENCY_KEY_DESCRIPTION =
  'Makes a retry safe: a request with a key already used for the same order answers that order again, once placed. A UUID is typical.';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrderAggregator) {}

  /** The caller's orders, newest first, a page at a time (`?cursor=&limit=`, 20 by default, at most 50). */
  @Get()
  @Scopes('orders:read')
  @ApiSummary("A page of the caller's orders, newest first")
  @ApiResponseSchema('WebOrderPage', webOrderPageSchema)
  async listOrders(
    @ValidQuery(orderPageQuerySchema) query: OrderPageQuery,
    @CurrentUser() user: AuthenticatedUser,
    @CallContext() context: DownstreamCallContext,
  ): Promise<WebOrderPage> {
    return toWebOrderPage(await this.orders.page(user.sub, { ...query, productIdsOf: allItemProducts }, context));
  }

  /** One of the caller's orders with every item's product; someone else's order is a 404, like a missing one. */
  @Get(':id')
  @Scopes('orders:read')
  @ApiSummary("One of the caller's orders, every item with its product")
  @ApiResponseSchema('WebOrder', webOrderSchema)
  @ApiErrorResponse(404, 'No order with this id belongs to the caller')
  async getOrder(
    @ValidParam('id', orderIdSchema) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @CallContext() context: DownstreamCallContext,
  ): Promise<WebOrder> {
    const { order, products } = await this.orders.load(id, user.sub, context);
    return toWebOrder(order, products);
  }

  /** Places an order for the caller; a retry with the same `Idempotency-Key` answers the same order. */
  @Post()
  @HttpCode(201)
  @Scopes('orders:write')
  @ApiSummary('Place an order for the caller')
  @ApiResponseSchema('WebOrder', webOrderSchema, { status: 201 })
  @ApiErrorResponse(409, 'The Idempotency-Key was already used for a different order')
  @ApiErrorResponse(422, 'An item names a product that the catalog does not have')
  async placeOrder(
    @ValidBody('PlaceOrder', placeOrderBodySchema) body: PlaceOrderBody,
    @ValidHeader('Idempotency-Key', idempotencyKeyHeaderSchema, IDEMPOTENCY_KEY_DESCRIPTION) idempotencyKey: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @CallContext() context: DownstreamCallContext,
  ): Promise<WebOrder> {
    return toPlacedWebOrder(await this.orders.place(user.sub, body.items, idempotencyKey ?? randomUUID(), context));
  }
}
