import { bootstrapGateway } from '@bff/gateway';
import { AppModule } from './app.module';

// Versioned for the apps in the field (see README.md); ETag and 304 because a phone's link is slow or metered.
void bootstrapGateway('mobile-bff', (config) => AppModule.forRoot(config), process.env, { uriVersioning: true, conditionalGets: true });
