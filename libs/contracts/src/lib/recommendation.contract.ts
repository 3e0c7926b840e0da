import { z } from 'zod';

/** Each element of recommendation-service `GET /recommendations?userId=&limit=`. */
export const recommendationSchema = z.object({
  productId: z.string(),
  /** Relevance in [0, 1]; the list comes sorted by it, highest first. */
  score: z.number(),
});

export const recommendationListSchema = z.array(recommendationSchema);

export const RECOMMENDATION_LIST_LIMIT = { default: 10, max: 50 } as const;

export type Recommendation = z.infer<typeof recommendationSchema>;
