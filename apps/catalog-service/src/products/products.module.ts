import { Module } from '@nestjs/common';
import { ProductPicturesController } from './product-pictures.controller';
import { ProductsController } from './products.controller';
import { ProductsStore } from './products.store';

@Module({ controllers: [ProductsController, ProductPicturesController], providers: [ProductsStore] })
export class ProductsModule {}
