import { type Order, ORDER_LIST_LIMIT } from '@bff/contracts';
import { ParseLimitPipe, RequiredQueryPipe } from '@bff/service-runtime';
import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { OrdersStore } from './orders.store';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersStore) {}

  @Get()
  listOrders(
    @Query('userId', new RequiredQueryPipe('userId')) userId: string,
    @Query('limit', new ParseLimitPipe(ORDER_LIST_LIMIT)) limit: number,
  ): Order[] {
    return this.orders.listForUser(userId, limit);
  }

  @Get(':id')
  getOrder(@Param('id') id: string): Order {
    const order = this.orders.find(id);
    if (!order) throw new NotFoundException('Order not found');
    return order;
  }
}
