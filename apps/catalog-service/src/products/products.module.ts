import { Module } from '@nestjs/common';
import { ProductsController } from './products.controller';
import { ProductsStore } from './products.store';

@Module({ controllers: [ProductsController], providers: [ProductsStore] })
export class ProductsModule {}
