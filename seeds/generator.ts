/**
 * The deterministic demo community: the same options always give byte-identical rows and ground
 * truth. Pure (no I/O, no clock); seeds/demo.ts loads it into a store.
 */
import { Rng } from './random';
import { makeActivity } from './community/activity';
import { makeCatalog } from './community/catalog';
import { makeFollows } from './community/follows';
import { makeCommunities, makePeople } from './community/people';
import type { GeneratedCommunity, GeneratorOptions, Person, Timeline } from './community/types';
import { DEFAULT_GENERATOR_OPTIONS } from './community/types';

export type { CommunityRows, GeneratedCommunity, GeneratorOptions, GroundTruth, TruthCommunity } from './community/types';
export { DEFAULT_GENERATOR_OPTIONS } from './community/types';
export { CASCADE_DAYS } from './community/activity';

export function generateCommunity(options: Partial<GeneratorOptions> = {}): GeneratedCommunity {
  const opts = { ...DEFAULT_GENERATOR_OPTIONS, ...options };
  checkOptions(opts);
  const rng = new Rng(opts.seed);
  const startDate = new Date(opts.end);
  startDate.setUTCMonth(startDate.getUTCMonth() - opts.months);
  const time: Timeline = { start: startDate.getTime(), end: opts.end };

  const catalog = makeCatalog(rng, opts, time);
  const communities = makeCommunities(rng, opts, catalog.categories);
  const people = makePeople(rng, opts, communities, new Map(catalog.categories.map((c) => [c.id, c.name])), time);
  const follows = makeFollows(rng, opts, people, time);
  const { reviews, shares } = makeActivity(rng, opts, people, catalog, communities, follows, time);

  const batch = { users: people.map((p) => p.user), categories: catalog.categories, products: catalog.products, reviews, follows, shares };
  return {
    batch,
    truth: {
      seed: opts.seed,
      sizes: {
        users: batch.users.length,
        categories: batch.categories.length,
        products: batch.products.length,
        reviews: reviews.length,
        follows: follows.length,
        shares: shares.length,
      },
      influencers: people.filter((p) => p.influencer).map((p) => p.user.id),
      categoryInfluencers: byCategory(people),
      communities: communities.map((c, k) => ({ ...c, members: people.filter((p) => p.community === k).map((p) => p.user.id) })),
      userCommunity: Object.fromEntries(people.map((p) => [p.user.id, communities[p.community].id])),
    },
  };
}

function byCategory(people: Person[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of people) if (p.specialty) (out[p.specialty] ??= []).push(p.user.id);
  return out;
}

function checkOptions(o: GeneratorOptions): void {
  for (const key of ['users', 'products', 'categories', 'reviews', 'follows', 'shares', 'communities', 'influencers', 'months'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0) throw new Error(`generator option ${key} must be a non-negative integer, got ${o[key]}`);
  }
  if (o.communities < 1 || o.categories < o.communities) throw new Error('need at least one community and one category per community');
  if (o.users < o.communities || o.products < o.categories) throw new Error('need at least one user per community and one product per category');
  if (o.months < 1 || !Number.isFinite(o.end)) throw new Error('months must be >= 1 and end a valid epoch-ms time');
}
