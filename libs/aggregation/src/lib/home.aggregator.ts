import type { Order, Product, Recommendation, User } from '@bff/contracts';
import { type DownstreamCallContext, OrderClient, RecommendationClient, UserClient } from '@bff/service-clients';
import { Injectable } from '@nestjs/common';
import { Composition } from './composition';
import { ProductCatalog } from './product.catalog';
import { lookUp } from './profile.aggregator';

/** What a home screen is built from. */
export interface HomeData {
  user: User;
  /** The most recent orders, newest first. */
  orders: Order[];
  /** Best first; empty when recommendation-service is slow or down (then `degraded` names it). */
  recommendations: Recommendation[];
  /** The products of the orders' items and of the recommendations, by id. */
  products: ReadonlyMap<string, Product>;
  degraded: string[];
}

export interface HomeQuery {
  orderLimit: number;
  recommendationLimit: number;
  /** Which of the orders' products the screen shows. */
  productIdsOf(orders: readonly Order[]): string[];
}

/**
 * The home screen: user and recent orders (required) and recommendations
 * (optional: the page still answers without them) at once, then every product
 * of both in one catalog lookup.
 */
@Injectable()
export class HomeAggregator {
  constructor(
    private readonly users: UserClient,
    private readonly orders: OrderClient,
    private readonly recommendations: RecommendationClient,
    private readonly catalog: ProductCatalog,
  ) {}

  async load(userId: string, query: HomeQuery, call?: DownstreamCallContext): Promise<HomeData> {
    const { values, degraded } = await Composition.create()
      .required('user', () => this.users.getUser(userId, call))
      .required('orders', () => this.orders.listForUser(userId, query.orderLimit, call))
      .optional('recommendations', () => this.recommendations.listForUser(userId, query.recommendationLimit, call), [] as Recommendation[])
      .required(
        'products',
        ({ orders, recommendations }, part) =>
          lookUp(this.catalog, [...query.productIdsOf(orders), ...recommendations.map((r) => r.productId)], part, call),
        ['orders', 'recommendations'],
      )
      .run(call);
    return { ...values, degraded };
  }
}
