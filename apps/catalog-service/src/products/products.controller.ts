import { PRODUCT_BATCH_MAX_IDS, type Product } from '@bff/contracts';
import { RequiredQueryPipe } from '@bff/service-runtime';
import { BadRequestException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ProductsStore } from './products.store';

@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsStore) {}

  /** `?ids=p1,p2,...`: the products that exist, in the order asked; unknown ids are left out. */
  @Get()
  listProducts(@Query('ids', new RequiredQueryPipe('ids')) ids: string): Product[] {
    const list = ids.split(',').filter((id) => id !== '');
    if (list.length > PRODUCT_BATCH_MAX_IDS) {
      throw new BadRequestException(`ids takes at most ${PRODUCT_BATCH_MAX_IDS} product ids`);
    }
    return this.products.findMany(list);
  }

  @Get(':id')
  getProduct(@Param('id') id: string): Product {
    const product = this.products.find(id);
    if (!product) throw new NotFoundException('Product not found');
    return product;
  }
}
