import { Module } from '@nestjs/common';
import { ProfileAggregator } from './profile.aggregator';

/** Screen aggregations shared by both gateways, over the (global) `ServiceClientsModule` clients. */
@Module({ providers: [ProfileAggregator], exports: [ProfileAggregator] })
export class AggregationModule {}
