import { bootstrapGateway } from '@bff/gateway';
import { AppModule } from './app.module';
import { MOBILE_BFF_SETTINGS } from './mobile-bff.settings';

void bootstrapGateway(MOBILE_BFF_SETTINGS, (config) => AppModule.forRoot(config), process.env);
