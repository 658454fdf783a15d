/** Communities with their category tastes, and the users in them (a few of whom are planted influencers). */
import type { Category } from '../../src/domain/category';
import type { Rng } from '../random';
import type { GeneratorOptions, Person, Timeline, TruthCommunity } from './types';
import { seqId } from './types';
import { BIO_TRAITS, COMMUNITY_NOUNS, FIRST_NAMES, LAST_NAMES } from './words';

/** Each community gets its own disjoint slice of the categories, so tastes are clearly separable. */
export function makeCommunities(rng: Rng, opts: GeneratorOptions, categories: Category[]): Omit<TruthCommunity, 'members'>[] {
  const order = rng.shuffle(categories.map((_, i) => i));
  const nouns = rng.shuffle([...COMMUNITY_NOUNS]);
  return Array.from({ length: opts.communities }, (_, k) => {
    const own = order.filter((_, j) => j % opts.communities === k).map((i) => categories[i]);
    return {
      id: `k${String(k + 1).padStart(2, '0')}`,
      name: `${own[0].name} ${nouns[k % nouns.length]}`,
      categoryIds: own.map((c) => c.id),
    };
  });
}

export function makePeople(
  rng: Rng,
  opts: GeneratorOptions,
  communities: Omit<TruthCommunity, 'members'>[],
  categoryNames: Map<string, string>,
  time: Timeline,
): Person[] {
  // Community sizes vary by about 2x; the shuffle keeps ids from revealing the community.
  const weights = communities.map(() => rng.between(0.7, 1.4));
  const membership = Array.from({ length: opts.users }, (_, i) =>
    i < communities.length ? i : rng.weightedIndex(weights),
  );
  rng.shuffle(membership);

  const influencers = pickInfluencers(rng, opts, membership);
  // Each community's influencers take its categories in turn, so a community with several has
  // specialists in different categories.
  const taken = communities.map(() => 0);
  const handles = new Set<string>();
  const span = time.end - time.start;
  return membership.map((community, i): Person => {
    const influencer = influencers.has(i);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    // Influencers are early adopters: they join in the first tenth of the history.
    const joinedAt = Math.round(
      influencer ? time.start + rng.float() * span * 0.1 : time.start + Math.pow(rng.float(), 1.3) * span * 0.8,
    );
    const own = communities[community].categoryIds;
    const specialty = influencer ? own[taken[community]++ % own.length] : null;
    const tastes = own.map((id) => categoryNames.get(id)!.toLowerCase());
    return {
      user: {
        id: seqId('u', i, opts.users, 4),
        handle: uniqueHandle(rng, first, last, handles),
        displayName: `${first} ${last}`,
        bio: influencer
          ? `Reviewing ${categoryNames.get(specialty!)!.toLowerCase()} since ${new Date(joinedAt).getUTCFullYear()}. ${rng.pick(BIO_TRAITS)}`
          : `Into ${rng.shuffle([...tastes]).slice(0, rng.int(1, 2)).join(' and ')}. ${rng.pick(BIO_TRAITS)}`,
        joinedAt,
      },
      community,
      influencer,
      specialty,
      // Influencers write mostly planted seed reviews (seeds/community/activity.ts), so their
      // background activity stays ordinary and nearly every review of theirs carries the signal.
      activity: influencer ? 1 : Math.min(40, rng.pareto(1, 1.5)),
    };
  });
}

/** Influencers are spread over the communities in proportion to their size (at least one each when possible). */
function pickInfluencers(rng: Rng, opts: GeneratorOptions, membership: number[]): Set<number> {
  const byCommunity = Array.from({ length: opts.communities }, () => [] as number[]);
  membership.forEach((c, i) => byCommunity[c].push(i));
  const chosen = new Set<number>();
  const pools = byCommunity.map((members) => rng.shuffle([...members]));
  // Round-robin over communities, weighted by size: take from the community with the fewest per member.
  while (chosen.size < Math.min(opts.influencers, opts.users)) {
    let best = -1;
    for (let c = 0; c < pools.length; c++) {
      if (pools[c].length === 0) continue;
      const taken = byCommunity[c].length - pools[c].length;
      if (best < 0 || taken / byCommunity[c].length < (byCommunity[best].length - pools[best].length) / byCommunity[best].length) best = c;
    }
    chosen.add(pools[best].pop()!);
  }
  return chosen;
}

function uniqueHandle(rng: Rng, first: string, last: string, taken: Set<string>): string {
  const f = first.toLowerCase();
  const l = last.toLowerCase().replace(/[^a-z]/g, '');
  const candidates = [`${f}_${l}`, `${f}${l}`, `${f[0]}${l}`, `${l}_${f}`, `the_${f}_${l}`];
  let handle = candidates.find((h) => !taken.has(h));
  while (!handle || taken.has(handle)) handle = `${f}_${l}${rng.int(1, 9999)}`;
  taken.add(handle);
  return handle;
}
