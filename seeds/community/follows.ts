/**
 * The follow graph: planted influencer audiences first, then preferential attachment inside each
 * community (with a little leakage across), which gives the heavy-tailed follower counts of real
 * social networks and communities that are dense inside and sparse between.
 */
import type { Follow } from '../../src/domain/follow';
import type { Rng } from '../random';
import { WeightedSampler } from '../random';
import type { GeneratorOptions, Person, Timeline } from './types';
import { DAY_MS } from './types';

/** Share of follows planted as influencer audiences; the rest grow by preferential attachment. */
const INFLUENCER_SHARE = 0.3;
/** Probability that a follow stays inside the follower's community. */
const INSIDE = 0.9;

export function makeFollows(rng: Rng, opts: GeneratorOptions, people: Person[], time: Timeline): Follow[] {
  const follows: Follow[] = [];
  const seen = new Set<string>();
  const members = Array.from({ length: opts.communities }, () => [] as number[]);
  people.forEach((p, i) => members[p.community].push(i));
  // Preferential-attachment urns: a user appears once, plus once per follower gained.
  const urns = members.map((m) => [...m]);

  const add = (follower: number, followee: number, since: number): boolean => {
    const key = `${follower}>${followee}`;
    if (follower === followee || seen.has(key) || follows.length >= opts.follows) return false;
    seen.add(key);
    follows.push({ followerId: people[follower].user.id, followeeId: people[followee].user.id, since });
    urns[people[followee].community].push(followee);
    return true;
  };
  const after = (a: number, b: number): number => Math.max(people[a].user.joinedAt, people[b].user.joinedAt);

  // Influencer audiences, mostly from their own community. They follow early (within ~3 weeks of
  // both having joined), so the audience is in place before most of the influencer's reviews.
  const influencers = people.flatMap((p, i) => (p.influencer ? [i] : []));
  const perInfluencer = influencers.length ? (opts.follows * INFLUENCER_SHARE) / influencers.length : 0;
  for (const inf of influencers) {
    const own = members[people[inf].community];
    const audience = Math.round(perInfluencer * rng.between(0.6, 1.5));
    for (let tries = 0, got = 0; got < audience && tries < audience * 5; tries++) {
      const follower = rng.chance(0.85) ? rng.pick(own) : rng.int(0, people.length - 1);
      if (add(follower, inf, Math.round(Math.min(time.end, after(follower, inf) + rng.between(0, 21) * DAY_MS)))) got++;
    }
  }

  const byActivity = new WeightedSampler(people.map((_, i) => i), people.map((p) => p.activity));
  for (let tries = 0; follows.length < opts.follows && tries < opts.follows * 20; tries++) {
    const follower = byActivity.sample(rng);
    const home = people[follower].community;
    const target = rng.chance(INSIDE) || opts.communities === 1 ? home : rng.int(0, opts.communities - 1);
    const followee = rng.pick(urns[target]);
    const from = after(follower, followee);
    add(follower, followee, Math.round(rng.between(from, time.end)));
  }
  return follows;
}
