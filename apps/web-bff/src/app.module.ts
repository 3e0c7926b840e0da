import type { GatewayConfig } from '@bff/config';
import { GatewayModule } from '@bff/gateway';
import { type DynamicModule, Module } from '@nestjs/common';
import { ProfileController } from './profile/profile.controller';

/** web-bff: the gateway of the web single-page app. Full payloads for a big screen and a fast link. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return { module: AppModule, imports: [GatewayModule.forRoot(config)], controllers: [ProfileController] };
  }
}
