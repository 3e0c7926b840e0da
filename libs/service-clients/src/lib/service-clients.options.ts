import type { DownstreamServiceName } from '@bff/config';
import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface ServiceClientsOptions {
  /** Base URL of each service, without a trailing slash. */
  baseUrls: Record<DownstreamServiceName, string>;
  /** The longest any one call may take before it fails with DownstreamTimeoutError. */
  timeoutMs: number;
}

export const {
  ConfigurableModuleClass: ServiceClientsConfigurableModule,
  MODULE_OPTIONS_TOKEN: SERVICE_CLIENTS_OPTIONS,
} = new ConfigurableModuleBuilder<ServiceClientsOptions>()
  .setClassMethodName('forRoot')
  // Registered once per gateway; every feature module that aggregates injects the clients.
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
