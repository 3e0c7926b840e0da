import { GATEWAY_CONFIG, type GatewayConfig } from '@bff/config';
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

/** The cursor key from the options, else from the gateway's configuration; no cursors without one. */
function pageCursors(options: AggregationOptions, config: GatewayConfig | undefined): PageCursors {
  const secret = options.cursorSecret ?? config?.cursor.secret;
  if (!secret) throw new Error('AggregationModule needs cursorSecret (or the gateway configuration)');
  return new PageCursors(secret);
}

/**
 * Screen compositions shared by both gateways, over the (global) service
 * clients: `AggregationModule.forRoot({ catalogCacheTtlMs, cursorSecret? })`.
 */
@Module({
  providers: [
    ProductCatalog,
    { provide: PageCursors, useFactory: pageCursors, inject: [AGGREGATION_OPTIONS, { token: GATEWAY_CONFIG, optional: true }] },
    ...aggregators,
  ],
  exports: aggregators,
})
export class AggregationModule extends AggregationConfigurableModule {}
