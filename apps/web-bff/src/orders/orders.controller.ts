import { OrderAggregator } from '@bff/aggregation';
import { type AuthenticatedUser, CurrentUser, Scopes } from '@bff/auth';
import { CallContext, ZodValidationPipe } from '@bff/gateway';
import type { DownstreamCallContext } from '@bff/service-clients';
import { Controller, Get, Param } from '@nestjs/common';
import { z } from 'zod';
import { toWebOrder, type WebOrder } from './web-order.presenter';

const orderIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -');

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrderAggregator) {}

  /** One of the caller's orders with every item's product; someone else's order is a 404, like a missing one. */
  @Get(':id')
  @Scopes('orders:read')
  async getOrder(
    @Param('id', new ZodValidationPipe(orderIdSchema)) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @CallContext() context: DownstreamCallContext,
  ): Promise<WebOrder> {
    const { order, products } = await this.orders.load(id, user.sub, context);
    return toWebOrder(order, products);
  }
}
