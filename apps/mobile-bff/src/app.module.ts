import { AggregationModule } from '@bff/aggregation';
import type { GatewayConfig } from '@bff/config';
import { GatewayModule } from '@bff/gateway';
import { RoutingModule } from '@bff/routing';
import { type DynamicModule, Module } from '@nestjs/common';
import { HomeController } from './home/home.controller';
import { OrdersController } from './orders/orders.controller';
import { ProductsController } from './products/products.controller';
import { ProfileController } from './profile/profile.controller';
import { MOBILE_ROUTES } from './routes/mobile.routes';
import { MOBILE_BFF_SETTINGS } from './mobile-bff.settings';

/** mobile-bff: the gateway of the mobile app. Small payloads for a small screen and a metered link. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayModule.forRoot(config, MOBILE_BFF_SETTINGS.http),
        AggregationModule.forRoot({ catalogCacheTtlMs: config.resilience.catalogCacheTtlMs, cursorSecret: config.cursor.secret }),
        RoutingModule.forRoot(MOBILE_ROUTES),
      ],
      controllers: [ProfileController, HomeController, OrdersController, ProductsController],
    };
  }
}
