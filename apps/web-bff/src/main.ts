import { bootstrapGateway } from '@bff/gateway';
import { AppModule } from './app.module';

void bootstrapGateway('web-bff', (config) => AppModule.forRoot(config), process.env);
