import { bootstrapGateway } from '@bff/gateway';
import { AppModule } from './app.module';

void bootstrapGateway('mobile-bff', (config) => AppModule.forRoot(config), process.env);
