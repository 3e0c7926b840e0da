import { bootstrapSampleService } from '@bff/service-runtime';
import { OrdersModule } from './orders/orders.module';

void bootstrapSampleService('order-service', () => OrdersModule, process.env);
