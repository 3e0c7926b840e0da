import type { User, UserTier } from '@bff/contracts';
import { avatarPath } from './seed.pictures';
import { pick, seededRandom } from './seed.random';

export const SEED_USER_COUNT = 1000;

const firstNames = ['Ada', 'Alan', 'Barbara', 'Claude', 'Donald', 'Edsger', 'Frances', 'Grace', 'Hedy', 'Ivan', 'Joan', 'Ken', 'Linus', 'Margaret', 'Niklaus', 'Radia', 'Sophie', 'Tim', 'Vint', 'Yukihiro'];
const lastNames = ['Allen', 'Bell', 'Cerf', 'Dijkstra', 'Engelbart', 'Floyd', 'Goldberg', 'Hamilton', 'Iverson', 'Kay', 'Lamport', 'Liskov', 'Matsumoto', 'Norvig', 'Perlman', 'Ritchie', 'Shannon', 'Thompson', 'Wirth', 'Zuse'];
const tiers: readonly UserTier[] = ['standard', 'standard', 'standard', 'silver', 'silver', 'gold'];

const DAY_MS = 86_400_000;
const FIRST_SIGN_UP = Date.UTC(2023, 0, 1);

export const seedUserId = (n: number): string => `u${n}`;

export function seedUser(n: number): User {
  const random = seededRandom(`user:${n}`);
  const first = pick(random, firstNames);
  const last = pick(random, lastNames);
  const id = seedUserId(n);
  return {
    id,
    name: `${first} ${last}`,
    email: `${first}.${last}.${n}@example.com`.toLowerCase(),
    // A path under the asset base: user-service answers it as a URL (and serves the picture).
    avatarUrl: avatarPath(id),
    tier: pick(random, tiers),
    createdAt: new Date(FIRST_SIGN_UP + Math.floor(random() * 700 * DAY_MS)).toISOString(),
  };
}

/** Users u1..u1000. */
export function seedUsers(): User[] {
  return Array.from({ length: SEED_USER_COUNT }, (_, i) => seedUser(i + 1));
}
