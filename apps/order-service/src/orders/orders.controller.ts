import { idempotencyKeySchema, type NewOrder, newOrderSchema, type Order, ORDER_LIST_LIMIT } from '@bff/contracts';
import { ValidatedHeader, ZodValidationPipe } from '@bff/request-validation';
import { ParseLimitPipe, RequiredQueryPipe } from '@bff/service-runtime';
import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
    HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IdempotencyKeyReuseError, OrdersStore, UnknownProductError } from './orders.store';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersStore) {}

  /** `?userId=&limit=&after=`: newest first; `after` (an order id of that user) starts the page after it. */
  @Get()
  listOrders(
    @Query('userId', new RequiredQueryPipe('userId')) userId: string,
    @Query('limit', new ParseLimitPipe(ORDER_LIST_LIMIT)) limit: number,
    @Query('after') after?: string,
  ): Order[] {
    const orders = this.orders.listForUser(userId, limit, after || undefined);
    if (!orders) throw new BadRequestException('after must be an order id of this user');
    return orders;
  }

  @Get(':id')
  getOrder(@Param('id') id: string): Order {
    const order = this.orders.find(id);
    if (!order) throw new NotFoundException('Order not found');
    return order;
  }

  /** 201 with the order; a retry with the same `Idempotency-Key` gets the same order (`Idempotent-Replayed: true`). */
  @Post()
  @HttpCode(201)
  placeOrder(
    @Body(new ZodValidationPipe(newOrderSchema)) request: NewOrder,
    @ValidatedHeader({ name: 'Idempotency-Key', schema: idempotencyKeySchema.optional() }) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Order {
    try {
      const { order, replayed } = this.orders.place(request, idempotencyKey);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return order;
    } catch (error) {
      if (error instanceof UnknownProductError) throw new UnprocessableEntityException(error.message);
      if (error instanceof IdempotencyKeyReuseError) throw new ConflictException(error.message);
      throw error;
    }
  }
}
