import { Module } from '@nestjs/common';
import { OrderAggregator } from './order.aggregator';
import { ProfileAggregator } from './profile.aggregator';

/** Screen aggregations shared by both gateways, over the (global) `ServiceClientsModule` clients. */
@Module({ providers: [ProfileAggregator, OrderAggregator], exports: [ProfileAggregator, OrderAggregator] })
export class AggregationModule {}
