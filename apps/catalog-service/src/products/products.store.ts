import type { Product } from '@bff/contracts';
import { seedProducts } from '@bff/seed-data';
import { Injectable } from '@nestjs/common';

/** The seed products p1..p100, in memory, in catalog order. */
@Injectable()
export class ProductsStore {
  private readonly list = seedProducts();
  private readonly products = new Map(this.list.map((product) => [product.id, product]));

  find(id: string): Product | undefined {
    return this.products.get(id);
  }

  /** The products that exist among `ids`, in the order asked, each once. */
  findMany(ids: readonly string[]): Product[] {
    return [...new Set(ids)].flatMap((id) => this.products.get(id) ?? []);
  }

  /**
   * The products whose name or description contains `text` (any case; every product when it is
   * empty), in catalog order, the page starting after the product `after`.
   * @returns undefined when `after` is not a product id
   */
  search(text: string, limit: number, after?: string): Product[] | undefined {
    const start = after === undefined ? 0 : this.list.findIndex((product) => product.id === after) + 1;
    if (start === 0 && after !== undefined) return undefined;
    const needle = text.toLowerCase();
    const page: Product[] = [];
    for (let i = start; i < this.list.length && page.length < limit; i++) {
      const product = this.list[i] as Product;
      if (needle === '' || product.name.toLowerCase().includes(needle) || product.description.toLowerCase().includes(needle)) page.push(product);
    }
    return page;
  }
}
