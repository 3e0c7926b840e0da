import { Module } from '@nestjs/common';
import { AGGREGATION_OPTIONS, AggregationConfigurableModule, type AggregationOptions } from './aggregation.options';
import { HomeAggregator } from './home.aggregator';
import { OrderAggregator } from './order.aggregator';
import { PageCursors } from './page.cursor';
import { ProductCatalog } from './product.catalog';
import { ProductSearch } from './product.search';
import { ProfileAggregator } from './profile.aggregator';
import { ProfileEditor } from './profile.editor';

const aggregators = [ProfileAggregator, ProfileEditor, HomeAggregator, OrderAggregator, ProductSearch];

function pageCursors(options: AggregationOptions): PageCursors {
  return new PageCursors(options.cursorSecret);
}

/**
 * Screen compositions shared by both gateways, over the (global) service
 * clients: `AggregationModule.forRoot({ catalogCacheTtlMs, cursorSecret })`.
 */
@Module({
  providers: [
    ProductCatalog,
    { provide: PageCursors, useFactory: pageCursors, inject: [AGGREGATION_OPTIONS] },
    ...aggregators,
  ],
  exports: aggregators,
})
export class AggregationModule extends AggregationConfigurableModule {}
