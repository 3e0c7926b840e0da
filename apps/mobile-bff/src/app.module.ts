import type { GatewayConfig } from '@bff/config';
import { GatewayModule } from '@bff/gateway';
import { type DynamicModule, Module } from '@nestjs/common';
import { HomeController } from './home/home.controller';
import { ProfileController } from './profile/profile.controller';

/** mobile-bff: the gateway of the mobile app. Small payloads for a small screen and a metered link. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return { module: AppModule, imports: [GatewayModule.forRoot(config)], controllers: [ProfileController, HomeController] };
  }
}
