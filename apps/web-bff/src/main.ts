// First: the module compile cache is on before the rest loads (see @bff/app-process/compile-cache).
import '@bff/app-process/compile-cache';
import { bootstrapGateway } from '@bff/gateway';
import { AppModule } from './app.module';
import { WEB_BFF_SETTINGS } from './web-bff.settings';

void bootstrapGateway(WEB_BFF_SETTINGS, (config) => AppModule.forRoot(config), process.env);
