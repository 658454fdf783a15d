/**
 * A seeded synthetic social-recommendation split in the SocialLGN layout that
 * `npm run gnn -- recommend --split DIR` reads (offline/split.ts): train_set.txt and test_set.txt
 * (`user,item`), trust.txt (`user,friend`), userReindex.json / itemReindex.json, plus
 * item_category.txt (`item,category`). For scale runs at sizes the shipped splits do not reach.
 * Skew as in Ciao/LastFM: Pareto user activity, Zipf item popularity within Zipf-sized
 * categories, a trust graph with preferential attachment and homophily (80% of a user's edges stay
 * in their community, whose members share favourite categories), and a social signal: a quarter
 * of each user's items are taken from what the people they trust have. 80/20 train/test per user.
 * Usage: npx tsx bench/synthetic-split.ts --out DIR [--users 25000 --items 300000 --train 750000 --trust 350000 --seed 1]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Random } from '../gnn/core/random';

export interface SyntheticSize {
  users: number;
  /** Products with at least one interaction, roughly: the catalogue drawn from is larger (CATALOGUE), and products nobody touched are dropped by the re-indexing, as in SocialLGN's splits. */
  items: number;
  /** Training interactions (the test split adds a quarter of that). */
  train: number;
  trust: number;
  seed: number;
}

const CATEGORIES = 30;
const COMMUNITY_SIZE = 250;
const SOCIAL_SHARE = 0.25;
const HOMOPHILY = 0.8;
const TEST_SHARE = 0.2;
/** Catalogue per wanted product: with this skew about 55% of a catalogue gets an interaction (measured at 25k users). */
const CATALOGUE = 1.9;
/** Duplicate draws a user cannot fill: asked-for interactions per delivered one. */
const SHORTFALL = 1.005;

/** Samples an index with probability ∝ weights (cumulative sums + binary search). */
class Sampler {
  private readonly cdf: Float64Array;
  constructor(weights: ArrayLike<number>) {
    this.cdf = new Float64Array(weights.length);
    let s = 0;
    for (let k = 0; k < weights.length; k++) this.cdf[k] = s += weights[k];
  }
  draw(rng: Random): number {
    const x = rng.next() * this.cdf[this.cdf.length - 1];
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

const zipf = (n: number, s: number) => Float64Array.from({ length: n }, (_, k) => (k + 1) ** -s);

export function syntheticSplit(size: SyntheticSize) {
  const rng = new Random(size.seed);
  const { users } = size;
  const items = Math.round(size.items * CATALOGUE);
  // Items: a category (Zipf-sized categories), then a Zipf popularity within the category.
  const categoryOf = new Int32Array(items);
  const categorySampler = new Sampler(zipf(CATEGORIES, 1));
  const members: number[][] = Array.from({ length: CATEGORIES }, () => []);
  for (let i = 0; i < items; i++) members[(categoryOf[i] = categorySampler.draw(rng))].push(i);
  const inCategory = members.map((m) => ({ items: rng.shuffle(Int32Array.from(m)), sampler: new Sampler(zipf(m.length, 0.7)) }));
  // Communities share three favourite categories; each user adds two of their own.
  const communities = Math.max(2, Math.round(users / COMMUNITY_SIZE));
  const favourites = Array.from({ length: communities }, () => [0, 1, 2].map(() => categorySampler.draw(rng)));
  const communitySampler = new Sampler(zipf(communities, 0.5));
  const community = Int32Array.from({ length: users }, () => communitySampler.draw(rng));
  const own = Array.from({ length: users }, () => [categorySampler.draw(rng), rng.int(CATEGORIES)]);
  // Activity: Pareto(α = 1.5), scaled to the interaction total, at least 3 per user.
  const total = Math.round((SHORTFALL * size.train) / (1 - TEST_SHARE));
  const raw = Float64Array.from({ length: users }, () => (1 - rng.next()) ** (-1 / 1.5));
  const scale = total / raw.reduce((a, b) => a + b, 0);
  const activity = Int32Array.from(raw, (w) => Math.max(3, Math.min(Math.round(items / 20), Math.round(w * scale))));

  // Trust: sources ∝ activity^0.5, targets by preferential attachment, mostly inside the community.
  const byCommunity: number[][] = Array.from({ length: communities }, () => []);
  community.forEach((c, u) => byCommunity[c].push(u));
  const sociability = Float64Array.from(activity, (a) => Math.sqrt(a));
  const sourceSampler = new Sampler(sociability);
  const localSamplers = byCommunity.map((m) => new Sampler(Float64Array.from(m, (u) => sociability[u])));
  const friends: Set<number>[] = Array.from({ length: users }, () => new Set());
  let edges = 0;
  for (let tries = 0; edges < size.trust && tries < size.trust * 5; tries++) {
    const u = sourceSampler.draw(rng);
    const local = byCommunity[community[u]];
    const v = rng.next() < HOMOPHILY && local.length > 1 ? local[localSamplers[community[u]].draw(rng)] : sourceSampler.draw(rng);
    if (v === u || friends[u].has(v)) continue;
    friends[u].add(v);
    edges++;
  }

  const pick = (u: number): number => {
    const r = rng.next();
    const c = r < 0.6 ? favourites[community[u]][rng.int(3)] : own[u][rng.int(2)];
    const cat = inCategory[c].items.length ? inCategory[c] : inCategory[0];
    return cat.items[cat.sampler.draw(rng)];
  };
  // Own taste first for everyone, then the social share copied from friends' own items.
  const chosen: Set<number>[] = Array.from({ length: users }, () => new Set());
  for (let u = 0; u < users; u++) {
    const target = Math.round(activity[u] * (friends[u].size ? 1 - SOCIAL_SHARE : 1));
    for (let tries = 0; chosen[u].size < target && tries < target * 10; tries++) chosen[u].add(pick(u));
  }
  const base = chosen.map((s) => Int32Array.from(s));
  for (let u = 0; u < users; u++) {
    const fs = [...friends[u]];
    for (let tries = 0; fs.length && chosen[u].size < activity[u] && tries < activity[u] * 10; tries++) {
      const f = base[fs[rng.int(fs.length)]];
      if (f.length) chosen[u].add(f[rng.int(f.length)]);
    }
  }

  // Per-user 80/20 split; users and items re-indexed densely in order of appearance.
  const itemIndex = new Map<number, number>();
  const train: string[] = ['user,item'];
  const test: string[] = ['user,item'];
  for (let u = 0; u < users; u++) {
    const mine = rng.shuffle(Int32Array.from(chosen[u]));
    const held = Math.max(1, Math.round(mine.length * TEST_SHARE));
    mine.forEach((i, k) => {
      if (!itemIndex.has(i)) itemIndex.set(i, itemIndex.size);
      (k < held ? test : train).push(`${u},${itemIndex.get(i)}`);
    });
  }
  const trust = ['user,friend'];
  friends.forEach((fs, u) => fs.forEach((v) => trust.push(`${u},${v}`)));
  const categories = ['item,category'];
  for (const [i, k] of itemIndex) categories.push(`${k},${categoryOf[i]}`);
  return {
    files: { train, test, trust, categories },
    itemReindex: Object.fromEntries([...itemIndex].map(([i, k]) => [String(i), k])),
    userReindex: Object.fromEntries(Array.from({ length: users }, (_, u) => [String(u), u])),
    counts: { users, items: itemIndex.size, train: train.length - 1, test: test.length - 1, trust: trust.length - 1 },
  };
}

export function writeSyntheticSplit(dir: string, size: SyntheticSize) {
  const s = syntheticSplit(size);
  mkdirSync(dir, { recursive: true });
  const lines = (xs: string[]) => `${xs.join('\n')}\n`;
  writeFileSync(join(dir, 'train_set.txt'), lines(s.files.train));
  writeFileSync(join(dir, 'test_set.txt'), lines(s.files.test));
  writeFileSync(join(dir, 'trust.txt'), lines(s.files.trust));
  writeFileSync(join(dir, 'item_category.txt'), lines(s.files.categories));
  writeFileSync(join(dir, 'itemReindex.json'), JSON.stringify(s.itemReindex));
  writeFileSync(join(dir, 'userReindex.json'), JSON.stringify(s.userReindex));
  return s.counts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      users: { type: 'string', default: '25000' },
      items: { type: 'string', default: '300000' },
      train: { type: 'string', default: '750000' },
      trust: { type: 'string', default: '350000' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.out) throw new Error('--out DIR is required');
  const size = { users: Number(values.users), items: Number(values.items), train: Number(values.train), trust: Number(values.trust), seed: Number(values.seed) };
  const counts = writeSyntheticSplit(values.out, size);
  process.stdout.write(`${JSON.stringify({ out: values.out, requested: size, written: counts })}\n`);
}
