import { bootstrapSampleService } from '@bff/service-runtime';
import { ProductsModule } from './products/products.module';

void bootstrapSampleService('catalog-service', () => ProductsModule, process.env);
