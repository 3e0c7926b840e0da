import { Module } from '@nestjs/common';
import { OrdersController } from './orders.controller';
import { OrdersStore } from './orders.store';

@Module({ controllers: [OrdersController], providers: [OrdersStore] })
export class OrdersModule {}
