import { type Recommendation, RECOMMENDATION_LIST_LIMIT } from '@bff/contracts';
import { seedRecommendationsFor } from '@bff/seed-data';
import { ParseLimitPipe, RequiredQueryPipe } from '@bff/service-runtime';
import { Controller, Get, Query } from '@nestjs/common';

@Controller('recommendations')
export class RecommendationsController {
  /** Deterministic per user id, so it is computed on demand rather than stored. */
  @Get()
  listRecommendations(
    @Query('userId', new RequiredQueryPipe('userId')) userId: string,
    @Query('limit', new ParseLimitPipe(RECOMMENDATION_LIST_LIMIT)) limit: number,
  ): Recommendation[] {
    return seedRecommendationsFor(userId).slice(0, limit);
  }
}
