import { AggregationModule } from '@bff/aggregation';
import type { GatewayConfig } from '@bff/config';
import { GatewayModule } from '@bff/gateway';
import { RoutingModule } from '@bff/routing';
import { WebSessionModule } from '@bff/web-session';
import { type DynamicModule, Module } from '@nestjs/common';
import { OrdersController } from './orders/orders.controller';
import { HomeController } from './home/home.controller';
import { ProductsController } from './products/products.controller';
import { ProfileController } from './profile/profile.controller';
import { AuthController } from './auth/auth.controller';
import { WEB_ROUTES } from './routes/web.routes';
import { WEB_BFF_SETTINGS } from './web-bff.settings';

/**
 * web-bff: the gateway of the web single-page app. Full payloads for a big screen
 * and a fast link, and a cookie session so that the browser never holds a token:
 * web-bff signs the user in at the OpenID Provider and keeps the tokens itself.
 */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayModule.forRoot(config, WEB_BFF_SETTINGS.http),
        AggregationModule.forRoot({ catalogCacheTtlMs: config.resilience.catalogCacheTtlMs, cursorSecret: config.cursor.secret }),
        WebSessionModule.forRoot({ ...config.webSignIn, appOrigins: config.corsOrigins, redis: config.redis }),
        RoutingModule.forRoot(WEB_ROUTES),
      ],
      controllers: [AuthController, ProfileController, HomeController, OrdersController, ProductsController],
    };
  }
}
