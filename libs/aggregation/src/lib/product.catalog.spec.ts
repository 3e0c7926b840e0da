import type { Product } from '@bff/contracts';
import { type CatalogClient, DownstreamUnavailableError } from '@bff/service-clients';
import { ProductCatalog } from './product.catalog';

const product = (id: string, price = 5): Product => ({ id, name: id, description: '', price, currency: 'USD', imageUrl: '', thumbnailUrl: '' });

/** The catalog service's client at its I/O boundary: answers from a table, can go down, counts calls. */
class FakeCatalog implements Pick<CatalogClient, 'getProducts'> {
  up = true;
  delayMs = 0;
  price = 5;
  readonly calls: string[][] = [];
  async getProducts(ids: readonly string[]): Promise<Product[]> {
    this.calls.push([...ids]);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (!this.up) throw new DownstreamUnavailableError('catalog');
    return ids.filter((id) => id !== 'p-gone').map((id) => product(id, this.price));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProductCatalog', () => {
  let catalog: FakeCatalog;
  const cache = (ttl = 100) => new ProductCatalog(catalog as unknown as CatalogClient, { catalogCacheTtlMs: ttl });
  beforeEach(() => (catalog = new FakeCatalog()));

  it('asks the catalog once for products it already has, and not at all while they are fresh', async () => {
    const products = cache();
    const first = await products.get(['p1', 'p2', 'p1', 'p-gone']);
    const second = await products.get(['p2', 'p1', 'p-gone']);

    expect([...first.products.keys()]).toEqual(['p1', 'p2']);
    expect([...second.products.keys()]).toEqual(['p2', 'p1']);
    expect(catalog.calls).toEqual([['p1', 'p2', 'p-gone']]);
  });

  it('fetches a product wanted by many requests at once only once', async () => {
    const products = cache();
    catalog.delayMs = 20;
    await Promise.all(Array.from({ length: 20 }, () => products.get(['p1', 'p2'])));
    expect(catalog.calls).toEqual([['p1', 'p2']]);
  });

  it('revalidates expired products, and serves them stale (saying so) when the catalog is down', async () => {
    const products = cache(50);
    await products.get(['p1']);
    await sleep(60);
    catalog.price = 7;
    const revalidated = await products.get(['p1']);
    expect(revalidated).toEqual({ products: new Map([['p1', product('p1', 7)]]), stale: false });

    await sleep(60);
    catalog.up = false;
    const stale = await products.get(['p1']);
    expect(stale).toEqual({ products: new Map([['p1', product('p1', 7)]]), stale: true });
  });

  it('serves stale rather than wait long for a slow catalog', async () => {
    const products = cache(50);
    await products.get(['p1']);
    await sleep(60);
    catalog.delayMs = 500;
    const started = Date.now();
    expect((await products.get(['p1'])).stale).toBe(true);
    expect(Date.now() - started).toBeLessThan(300); // not the catalog's 500 ms
  });

  it('fails for products it has never had when the catalog is down', async () => {
    catalog.up = false;
    await expect(cache().get(['p1'])).rejects.toBeInstanceOf(DownstreamUnavailableError);
  });
});
