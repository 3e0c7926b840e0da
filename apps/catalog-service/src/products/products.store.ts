import type { Product } from '@bff/contracts';
import { seedProducts } from '@bff/seed-data';
import { Injectable } from '@nestjs/common';

/** The seed products p1..p100, in memory. */
@Injectable()
export class ProductsStore {
  private readonly products = new Map(seedProducts().map((product) => [product.id, product]));

  find(id: string): Product | undefined {
    return this.products.get(id);
  }

  /** The products that exist among `ids`, in the order asked, each once. */
  findMany(ids: readonly string[]): Product[] {
    return [...new Set(ids)].flatMap((id) => this.products.get(id) ?? []);
  }
}
