import type { Recommendation } from '@bff/contracts';
import { SEED_PRODUCT_COUNT, seedProductId } from './product.seed';
import { between, seededRandom } from './seed.random';

/** The most recommendations a seed user has. */
export const SEED_RECOMMENDATIONS_PER_USER = 50;

/** Recommendations for any user id, highest score first, scores in (0, 1]. */
export function seedRecommendationsFor(userId: string): Recommendation[] {
  const random = seededRandom(`recommendations:${userId}`);
  const chosen = new Set<string>();
  while (chosen.size < SEED_RECOMMENDATIONS_PER_USER) chosen.add(seedProductId(between(random, 1, SEED_PRODUCT_COUNT)));
  let score = 1;
  return [...chosen].map((productId) => {
    score -= random() * 0.02;
    return { productId, score: Math.round(score * 1000) / 1000 };
  });
}
