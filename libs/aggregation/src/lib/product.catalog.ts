import type { Product } from '@bff/contracts';
import { GatewayMetrics } from '@bff/observability';
import { CatalogClient, type DownstreamCallContext } from '@bff/service-clients';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { AGGREGATION_OPTIONS, type AggregationOptions } from './aggregation.options';

export interface ProductLookup {
  products: ReadonlyMap<string, Product>;
  /** Some products are older than the cache's TTL because the catalog could not refresh them in time. */
  stale: boolean;
}

interface Entry {
  /** null: the catalog has no such product. */
  product: Product | null;
  fetchedAt: number;
}

/** Bounds the cache; the least recently fetched products go first. */
const MAX_ENTRIES = 10_000;
/** How long a request waits for the revalidation of expired products before it serves them stale. */
const REVALIDATE_WAIT_MS = 50;

/** The cache's lookup counters' labels. */
const MISS = { cache: 'products', result: 'miss' } as const;
const STALE = { cache: 'products', result: 'stale' } as const;
const HIT = { cache: 'products', result: 'hit' } as const;

/**
 * Shared catalog data (products only, never user data), cached in memory for
 * `catalogCacheTtlMs`. A product asked for by many requests at once is fetched
 * once; every lookup of one request is one batched catalog call. Expired
 * products are revalidated, and served stale (reported as `stale`) when the
 * catalog fails or is slow to answer; products never seen must come from the
 * catalog, whose failure then fails the lookup. A batch that other requests
 * may share runs on when the request that started it gives up on its calls.
 */
@Injectable()
export class ProductCatalog {
  private readonly entries = new Map<string, Entry>();
  private readonly fetching = new Map<string, Promise<void>>();
  private readonly ttlMs: number;

  constructor(
    private readonly catalog: CatalogClient,
    @Inject(AGGREGATION_OPTIONS) options: Pick<AggregationOptions, 'catalogCacheTtlMs'>,
    @Optional() private readonly metrics?: GatewayMetrics,
  ) {
    this.ttlMs = options.catalogCacheTtlMs;
  }

  async get(ids: readonly string[], context?: DownstreamCallContext): Promise<ProductLookup> {
    const wanted = [...new Set(ids)];
    if (this.ttlMs === 0) {
      const products = await this.catalog.getProducts(wanted, context);
      return { products: new Map(products.map((product) => [product.id, product])), stale: false };
    }
    const now = Date.now();
    const missing = wanted.filter((id) => !this.entries.has(id));
    const expired = wanted.filter((id) => {
      const entry = this.entries.get(id);
      return entry !== undefined && now - entry.fetchedAt > this.ttlMs;
    });
    if (this.metrics) {
      const lookups = this.metrics.cacheLookups;
      // `inc(labels, value)`, not `labels(...).inc()`, which validates twice per call (as for the request histogram).
      lookups.inc(MISS, missing.length);
      lookups.inc(STALE, expired.length);
      lookups.inc(HIT, wanted.length - missing.length - expired.length);
    }
    // The request's deadline bounds what it waits for; a revalidation runs on without it.
    const revalidation = expired.length > 0 ? this.fetch(expired, { requestId: context?.requestId }) : undefined;
    await this.fetch(missing, context);
    const revalidated = revalidation ? await settlesWithin(revalidation, REVALIDATE_WAIT_MS) : true;

    const products = new Map<string, Product>();
    for (const id of wanted) {
      const product = this.entries.get(id)?.product;
      if (product) products.set(id, product);
    }
    return { products, stale: !revalidated };
  }

  /** Fetches the ids not already being fetched in one batch, and waits for every one of them. */
  private async fetch(ids: readonly string[], context?: DownstreamCallContext): Promise<void> {
    const fresh = ids.filter((id) => !this.fetching.has(id));
    if (fresh.length > 0) {
      // Other requests may wait on this batch: one request giving up on its calls must not fail theirs.
      const shared = context && { ...context, cancellation: undefined };
      const batch = this.catalog.getProducts(fresh, shared).then((products) => {
        const found = new Map(products.map((product) => [product.id, product]));
        const fetchedAt = Date.now();
        for (const id of fresh) this.store(id, { product: found.get(id) ?? null, fetchedAt });
      });
      const settled = batch.finally(() => fresh.forEach((id) => this.fetching.delete(id)));
      for (const id of fresh) this.fetching.set(id, settled);
      settled.catch(() => undefined);
    }
    await Promise.all(ids.map((id) => this.fetching.get(id)));
  }

  private store(id: string, entry: Entry): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** True if the promise fulfils within `ms`; false if it rejects or takes longer. */
function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      () => (clearTimeout(timer), resolve(true)),
      () => (clearTimeout(timer), resolve(false)),
    );
  });
}
