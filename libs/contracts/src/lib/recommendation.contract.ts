import { z } from 'zod';

/**
 * Each element of recommendation-service `GET /recommendations?userId=&limit=`; fields it does not
 * name (a reason, a model version) are dropped.
 */
export const recommendationSchema = z.object({
  productId: z.string().min(1),
  /** Relevance in [0, 1]; the list comes sorted by it, highest first. */
  score: z.number(),
});

export const recommendationListSchema = z.array(recommendationSchema);

export const RECOMMENDATION_LIST_LIMIT = { default: 10, max: 50 } as const;

export type Recommendation = z.infer<typeof recommendationSchema>;
