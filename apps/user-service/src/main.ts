import { bootstrapSampleService } from '@bff/service-runtime';
import { UsersModule } from './users/users.module';

void bootstrapSampleService('user-service', () => UsersModule, process.env);
