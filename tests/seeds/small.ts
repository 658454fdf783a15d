import type { GeneratorOptions } from '../../seeds/generator';

/** A community small enough for fast tests that still has every planted structure. */
export const SMALL_COMMUNITY: Partial<GeneratorOptions> = {
  users: 300,
  products: 150,
  categories: 10,
  reviews: 3000,
  follows: 2000,
  shares: 300,
  communities: 4,
  influencers: 6,
};
