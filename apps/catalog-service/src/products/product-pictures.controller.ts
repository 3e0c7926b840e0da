import { type ProductPictureSize, productSvg } from '@bff/seed-data';
import { SvgPicture } from '@bff/service-runtime';
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ProductsStore } from './products.store';

const SIZES: readonly string[] = ['image', 'thumb'] satisfies ProductPictureSize[];

/** `GET /images/products/p3/image.svg` (480 x 360) and `.../thumb.svg` (96 x 96): the seed products' pictures. */
@Controller('images/products')
export class ProductPicturesController {
  constructor(private readonly products: ProductsStore) {}

  @Get(':id/:size.svg')
  @SvgPicture()
  picture(@Param('id') id: string, @Param('size') size: string): string {
    const product = this.products.find(id);
    if (!product || !SIZES.includes(size)) throw new NotFoundException('Picture not found');
    return productSvg(product.id, product.name, size as ProductPictureSize);
  }
}
