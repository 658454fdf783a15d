/**
 * Reviews and shares. Three sources, in this order:
 *  1. influencer "seed" reviews of products in the influencer's specialty category (often shared to followers);
 *  2. cascades: followers review the seed's product within a week (the planted influence signal);
 *  3. background reviews and shares by everyone, by activity and community taste.
 * One review per (author, product) throughout.
 */
import type { Follow } from '../../src/domain/follow';
import type { Review } from '../../src/domain/review';
import type { Share } from '../../src/domain/share';
import type { Rng } from '../random';
import { WeightedSampler } from '../random';
import type { Catalog } from './catalog';
import { drawRating, reviewText, shareMessage } from './text';
import type { GeneratorOptions, Person, Timeline, TruthCommunity } from './types';
import { DAY_MS, seqId } from './types';

/** Share of all reviews that come from cascades. */
const CASCADE_SHARE = 0.3;
/** Share of a community's taste that goes to its own categories. */
const OWN_TASTE = 0.85;
/** Cascade reviews follow the seed within this many days. */
export const CASCADE_DAYS = 7;

interface PlannedReview {
  author: number;
  product: number;
  rating: number;
  at: number;
  votes: number;
  inspiredBy?: number;
}

interface PlannedShare {
  sharer: number;
  product: number;
  recipient: number | null;
  at: number;
}

export function makeActivity(
  rng: Rng,
  opts: GeneratorOptions,
  people: Person[],
  catalog: Catalog,
  communities: Omit<TruthCommunity, 'members'>[],
  follows: Follow[],
  time: Timeline,
): { reviews: Review[]; shares: Share[] } {
  const index = new Map(people.map((p, i) => [p.user.id, i]));
  const followers = people.map(() => [] as { who: number; since: number }[]);
  const contacts = people.map(() => [] as number[]);
  for (const f of follows) {
    const a = index.get(f.followerId)!;
    const b = index.get(f.followeeId)!;
    followers[b].push({ who: a, since: f.since });
    contacts[a].push(b);
    contacts[b].push(a);
  }
  const tastes = communities.map((c) => tasteSampler(catalog, new Set(c.categoryIds)));
  const specialties = new Map<string, WeightedSampler<number>>();
  const specialty = (categoryId: string) =>
    specialties.get(categoryId) ?? specialties.set(categoryId, categorySampler(catalog, categoryId)).get(categoryId)!;

  const reviews: PlannedReview[] = [];
  const shares: PlannedShare[] = [];
  const reviewed = new Set<string>();
  const write = (r: PlannedReview): boolean => {
    const key = `${r.author}|${r.product}`;
    if (reviews.length >= opts.reviews || reviewed.has(key)) return false;
    reviewed.add(key);
    reviews.push(r);
    return true;
  };
  const votes = (): number => Math.min(150, Math.floor(rng.pareto(1, 1.4)) - 1);

  // 1. Seed reviews, a month or more after the influencer joined so the audience is in place.
  const influencers = people.flatMap((p, i) => (p.influencer ? [i] : []));
  const seedsEach = Math.max(1, Math.min(10, Math.ceil((opts.reviews * 0.05) / Math.max(1, influencers.length))));
  const seeds: PlannedReview[] = [];
  for (const inf of influencers) {
    const count = rng.int(Math.ceil(seedsEach / 2), seedsEach);
    for (let tries = 0, got = 0; got < count && tries < count * 10; tries++) {
      const product = specialty(people[inf].specialty!).sample(rng);
      const from = Math.max(people[inf].user.joinedAt + 30 * DAY_MS, catalog.products[product].createdAt);
      const to = time.end - (CASCADE_DAYS + 1) * DAY_MS;
      if (from >= to) continue;
      const seed = { author: inf, product, rating: Math.max(3, drawRating(rng)), at: Math.round(rng.between(from, to)), votes: votes() + rng.int(5, 30) };
      if (!write(seed)) continue;
      seeds.push(seed);
      got++;
      if (rng.chance(0.4)) shares.push({ sharer: inf, product, recipient: null, at: seed.at + Math.round(rng.between(1, 12) * 3_600_000) });
    }
  }

  // 2. Cascades: each follower who already followed at the time reacts with the same probability,
  // chosen so that cascades make up CASCADE_SHARE of all reviews.
  let exposure = 0;
  for (const s of seeds) for (const f of followers[s.author]) if (f.since < s.at) exposure++;
  const p = exposure ? Math.min(0.6, (opts.reviews * CASCADE_SHARE) / exposure) : 0;
  for (const s of seeds) {
    for (const f of followers[s.author]) {
      if (f.since >= s.at || !rng.chance(p)) continue;
      const at = Math.round(s.at + rng.between(0.25, CASCADE_DAYS) * DAY_MS);
      const rating = Math.min(5, Math.max(1, s.rating + rng.pick([-1, 0, 0, 0, 1])));
      write({ author: f.who, product: s.product, rating, at, votes: votes(), inspiredBy: rng.chance(0.3) ? s.author : undefined });
    }
  }

  // 3. Background reviews: active people review more, mostly within their community's categories.
  const byActivity = new WeightedSampler(people.map((_, i) => i), people.map((q) => q.activity));
  for (let tries = 0; reviews.length < opts.reviews && tries < opts.reviews * 20; tries++) {
    const author = byActivity.sample(rng);
    const product = tastes[people[author].community].sample(rng);
    const from = Math.max(people[author].user.joinedAt, catalog.products[product].createdAt);
    write({ author, product, rating: drawRating(rng), at: Math.round(rng.between(from, time.end)), votes: votes() });
  }

  // Background shares: people pass on what they reviewed, to all followers or to one contact.
  for (let tries = 0; reviews.length && shares.length < opts.shares && tries < opts.shares * 20; tries++) {
    const r = rng.pick(reviews);
    const direct = contacts[r.author].length > 0 && rng.chance(0.45);
    const at = Math.round(r.at + rng.float() * Math.min(10 * DAY_MS, time.end - r.at));
    shares.push({ sharer: r.author, product: r.product, recipient: direct ? rng.pick(contacts[r.author]) : null, at });
  }

  return { reviews: finishReviews(rng, reviews, people, catalog), shares: finishShares(rng, shares.slice(0, opts.shares), people, catalog) };
}

/** Sampler over all products for one community: OWN_TASTE of the mass on its categories, by popularity. */
function tasteSampler(catalog: Catalog, own: Set<string>): WeightedSampler<number> {
  const inside = catalog.products.map((p) => own.has(p.categoryId));
  let sumIn = 0;
  let sumOut = 0;
  catalog.popularity.forEach((w, i) => (inside[i] ? (sumIn += w) : (sumOut += w)));
  const weights = catalog.popularity.map((w, i) =>
    inside[i] ? (w / sumIn) * (sumOut ? OWN_TASTE : 1) : sumIn ? (w / sumOut) * (1 - OWN_TASTE) : w / sumOut,
  );
  return new WeightedSampler(catalog.products.map((_, i) => i), weights);
}

/** Sampler over one category's products, by popularity. */
function categorySampler(catalog: Catalog, categoryId: string): WeightedSampler<number> {
  const inside = catalog.products.flatMap((p, i) => (p.categoryId === categoryId ? [i] : []));
  return new WeightedSampler(inside, inside.map((i) => catalog.popularity[i]));
}

/** Ids follow time order (r000001 is the oldest review), which makes the data pleasant to browse. */
function finishReviews(rng: Rng, planned: PlannedReview[], people: Person[], catalog: Catalog): Review[] {
  const sorted = planned.map((r, order) => ({ r, order })).sort((a, b) => a.r.at - b.r.at || a.order - b.order);
  return sorted.map(({ r }, i) => {
    const { title, body } = reviewText(rng, r.rating, catalog.nouns[r.product], r.inspiredBy === undefined ? undefined : people[r.inspiredBy].user.handle);
    return {
      id: seqId('r', i, planned.length, 6),
      authorId: people[r.author].user.id,
      productId: catalog.products[r.product].id,
      rating: r.rating,
      title,
      body,
      helpfulVotes: r.votes,
      createdAt: r.at,
      updatedAt: r.at,
    };
  });
}

function finishShares(rng: Rng, planned: PlannedShare[], people: Person[], catalog: Catalog): Share[] {
  const sorted = planned.map((s, order) => ({ s, order })).sort((a, b) => a.s.at - b.s.at || a.order - b.order);
  return sorted.map(({ s }, i) => ({
    id: seqId('s', i, planned.length, 5),
    sharerId: people[s.sharer].user.id,
    productId: catalog.products[s.product].id,
    audience: s.recipient === null ? 'FOLLOWERS' : 'USER',
    recipientId: s.recipient === null ? null : people[s.recipient].user.id,
    message: shareMessage(rng),
    createdAt: s.at,
  }));
}
