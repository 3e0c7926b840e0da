import { bootstrapGateway } from '@bff/gateway';
import { AppModule } from './app.module';
import { WEB_BFF_SETTINGS } from './web-bff.settings';

void bootstrapGateway(WEB_BFF_SETTINGS, (config) => AppModule.forRoot(config), process.env);
