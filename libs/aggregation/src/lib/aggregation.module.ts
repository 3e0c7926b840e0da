import { Module } from '@nestjs/common';
import { AggregationConfigurableModule } from './aggregation.options';
import { HomeAggregator } from './home.aggregator';
import { OrderAggregator } from './order.aggregator';
import { ProductCatalog } from './product.catalog';
import { ProductSearch } from './product.search';
import { ProfileAggregator } from './profile.aggregator';
import { ProfileEditor } from './profile.editor';

const aggregators = [ProfileAggregator, ProfileEditor, HomeAggregator, OrderAggregator, ProductSearch];

/**
 * Screen compositions shared by both gateways, over the (global) service
 * clients: `AggregationModule.forRoot({ catalogCacheTtlMs })`.
 */
@Module({ providers: [ProductCatalog, ...aggregators], exports: aggregators })
export class AggregationModule extends AggregationConfigurableModule {}
