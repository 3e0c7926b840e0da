import { bootstrapSampleService } from '@bff/service-runtime';
import { RecommendationsModule } from './recommendations/recommendations.module';

void bootstrapSampleService('recommendation-service', () => RecommendationsModule, process.env);
