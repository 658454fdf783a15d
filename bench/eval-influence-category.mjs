#!/usr/bin/env node
/**
 * Independent evaluator for per-category influence (plain JS, shares no code with gnn/).
 *
 *   node bench/eval-influence-category.mjs --reviews reviews.csv --trust trust.csv --cutoff YYYY-MM-DD \
 *        [--category-scores scores.json] [--scores global.json] [--window 365] [--k 20] [--categories 10]
 *
 * Realized influence after the cutoff, from the data files alone:
 *   influence(u, c) = #distinct followers f (f -> u in trust.csv) such that, for some product p of
 *                     category c, u reviewed p at t_u > cutoff and f reviewed p at t_f with
 *                     t_u < t_f <= t_u + window days;
 *   influence(u)    = #distinct (f, p) pairs, the global definition of bench/eval-influence.mjs.
 * Evaluated categories: the `--categories` with the most future influenced adoptions (distinct
 * (f, p) pairs in c). For each, NDCG@k (gain = influence(u, c), ties by user id ascending) over the
 * users with a review before the cutoff; the mean over those categories is the headline.
 * Global: NDCG@100 and Spearman of the global scores against influence(u), with the scores' ties
 * broken at random (mean over 20 seeded shuffles; the truth keeps average ranks), so a tie at 0
 * earns nothing (Spearman with averaged ties, the older convention, is printed beside it). Baselines, from data before the cutoff only (followers: all of trust.csv, which
 * has no dates):
 *   followersXReviewsInC    followers(u) × reviews of u in c
 *   pastInfluenceInC        influence(u, c) with u's review and f's reaction both before the cutoff
 *   pastYearInfluenceInC    the same with u's review in the year before the cutoff
 *   globalPastXShare        global influence in the year before the cutoff × u's share of reviews in c
 *   followersXReviews       followers(u) × all reviews of u
 *   followers, pastInfluence (global only)
 * Prints JSON with the model (when scores are given) and every baseline.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: {
    reviews: { type: 'string' }, trust: { type: 'string' }, cutoff: { type: 'string' }, 'category-scores': { type: 'string' }, scores: { type: 'string' },
    window: { type: 'string', default: '365' }, k: { type: 'string', default: '20' }, categories: { type: 'string', default: '10' },
  },
});
for (const need of ['reviews', 'trust', 'cutoff']) if (!a[need]) throw new Error(`--${need} is required`);
const cutoffSec = Date.parse(`${a.cutoff}T00:00:00Z`) / 1000;
if (!Number.isFinite(cutoffSec)) throw new Error(`bad --cutoff ${a.cutoff}`);
const windowSec = Number(a.window) * 86400;
const K = Number(a.k);
const GLOBAL_K = 100;
const SHUFFLES = 20;

const csv = (file) => readFileSync(file, 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim()).map((l) => l.split(','));
const reviews = csv(a.reviews).map((f) => ({ user: f[0], product: f[1], category: f[2], t: Number(f[5]) }));
const trust = csv(a.trust).filter((f) => f[0] !== f[1]);
const follows = new Set(trust.map((f) => `${f[0]} ${f[1]}`)); // "follower followee"
const followers = new Map();
for (const key of follows) {
  const followee = key.split(' ')[1];
  followers.set(followee, (followers.get(followee) ?? 0) + 1);
}

const byProduct = new Map();
for (const r of reviews) {
  if (!byProduct.has(r.product)) byProduct.set(r.product, []);
  byProduct.get(r.product).push(r);
}
/** Influence pairs with the influencer's review in (from, to] and the reaction by `reactTo`. */
function influence(from, to, reactTo) {
  const perCategory = new Map(); // category -> Map(user -> Set(follower))
  const adoptions = new Map(); // category -> Set("influencer follower product")
  const global = new Map(); // user -> Set("follower product")
  for (const [product, list] of byProduct) {
    for (const x of list) {
      if (x.t <= from || x.t > to) continue;
      for (const y of list) {
        if (y.user === x.user || !(y.t > x.t) || y.t > x.t + windowSec || y.t > reactTo || !follows.has(`${y.user} ${x.user}`)) continue;
        const c = x.category;
        if (!perCategory.has(c)) perCategory.set(c, new Map());
        const users = perCategory.get(c);
        if (!users.has(x.user)) users.set(x.user, new Set());
        users.get(x.user).add(y.user);
        if (!adoptions.has(c)) adoptions.set(c, new Set());
        adoptions.get(c).add(`${x.user} ${y.user} ${product}`);
        if (!global.has(x.user)) global.set(x.user, new Set());
        global.get(x.user).add(`${y.user} ${product}`);
      }
    }
  }
  return { perCategory, adoptions, global };
}

const future = influence(cutoffSec, Infinity, Infinity);
const past = influence(-Infinity, cutoffSec, cutoffSec);
const lastYear = influence(cutoffSec - 365 * 86400, cutoffSec, cutoffSec);

const byId = (x, y) => (/^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0);
const before = reviews.filter((r) => r.t < cutoffSec);
const users = [...new Set(before.map((r) => r.user))].sort(byId);
const allCategories = [...new Set(reviews.map((r) => r.category))].sort(byId);
const reviewsIn = new Map(); // "user category" -> count
const reviewsOf = new Map();
for (const r of before) {
  reviewsIn.set(`${r.user} ${r.category}`, (reviewsIn.get(`${r.user} ${r.category}`) ?? 0) + 1);
  reviewsOf.set(r.user, (reviewsOf.get(r.user) ?? 0) + 1);
}
const evaluated = allCategories
  .map((c) => ({ c, n: future.adoptions.get(c)?.size ?? 0 }))
  .sort((x, y) => y.n - x.n || byId(x.c, y.c))
  .slice(0, Number(a.categories));

const truthIn = (c) => new Map(users.map((u) => [u, future.perCategory.get(c)?.get(u)?.size ?? 0]));
const globalTruth = new Map(users.map((u) => [u, future.global.get(u)?.size ?? 0]));

function ndcg(score, truth, k) {
  const rank = (m) => [...users].sort((x, y) => m.get(y) - m.get(x) || byId(x, y)).slice(0, k);
  const dcg = (list) => list.reduce((s, u, r) => s + truth.get(u) / Math.log2(r + 2), 0);
  const ideal = dcg(rank(truth));
  return ideal > 0 ? dcg(rank(score)) / ideal : 0;
}

/** Small seeded generator (mulberry32), so the random tie-breaks are reproducible. */
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function averageRanks(values) {
  const order = values.map((_, i) => i).sort((x, y) => values[x] - values[y]);
  const ranks = new Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let t = i; t <= j; t++) ranks[order[t]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}
function pearson(x, y) {
  const mean = (v) => v.reduce((s, z) => s + z, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
/** Spearman with the score's ties broken at random: mean over SHUFFLES seeded orders. */
function spearmanRandomTies(score, truth) {
  const s = users.map((u) => score.get(u));
  const rt = averageRanks(users.map((u) => truth.get(u)));
  let sum = 0;
  for (let seed = 1; seed <= SHUFFLES; seed++) {
    const rnd = mulberry32(seed);
    const jitter = s.map(() => rnd());
    const order = s.map((_, i) => i).sort((x, y) => s[x] - s[y] || jitter[x] - jitter[y]);
    const rs = new Array(s.length);
    order.forEach((i, r) => (rs[i] = r + 1));
    sum += pearson(rs, rt);
  }
  return sum / SHUFFLES;
}

const followersOf = (u) => followers.get(u) ?? 0;
const categoryBaselines = {
  followersXReviewsInC: (u, c) => followersOf(u) * (reviewsIn.get(`${u} ${c}`) ?? 0),
  pastInfluenceInC: (u, c) => past.perCategory.get(c)?.get(u)?.size ?? 0,
  pastYearInfluenceInC: (u, c) => lastYear.perCategory.get(c)?.get(u)?.size ?? 0,
  globalPastXShare: (u, c) => ((lastYear.global.get(u)?.size ?? 0) * (reviewsIn.get(`${u} ${c}`) ?? 0)) / (reviewsOf.get(u) ?? 1),
  followersXReviews: (u) => followersOf(u) * (reviewsOf.get(u) ?? 0),
};
const globalBaselines = {
  followers: (u) => followersOf(u),
  pastInfluence: (u) => lastYear.global.get(u)?.size ?? 0,
  followersXReviews: (u) => followersOf(u) * (reviewsOf.get(u) ?? 0),
};

function perCategory(scoreOf) {
  const byCategory = {};
  for (const { c } of evaluated) byCategory[c] = ndcg(new Map(users.map((u) => [u, scoreOf(u, c)])), truthIn(c), K);
  const values = Object.values(byCategory);
  return { mean: values.reduce((s, v) => s + v, 0) / values.length, byCategory };
}
function global(scoreOf) {
  const score = new Map(users.map((u) => [u, scoreOf(u)]));
  const averaged = pearson(averageRanks(users.map((u) => score.get(u))), averageRanks(users.map((u) => globalTruth.get(u))));
  return { [`ndcg@${GLOBAL_K}`]: ndcg(score, globalTruth, GLOBAL_K), spearmanRandomTies: spearmanRandomTies(score, globalTruth), spearmanAveragedTies: averaged };
}

const problems = [];
const result = {
  cutoff: a.cutoff,
  windowDays: Number(a.window),
  users: users.length,
  evaluatedCategories: evaluated.map(({ c, n }) => ({ category: c, futureAdoptions: n, usersWithInfluence: [...truthIn(c).values()].filter((v) => v > 0).length })),
  usersWithInfluence: [...globalTruth.values()].filter((v) => v > 0).length,
};
if (a['category-scores']) {
  const scores = JSON.parse(readFileSync(a['category-scores'], 'utf8'));
  for (const c of allCategories) {
    const got = scores[c];
    if (!got) {
      problems.push(`category ${c} missing`);
      continue;
    }
    const missing = users.filter((u) => !(u in got)).length;
    const extra = Object.keys(got).filter((u) => !reviewsOf.has(u)).length;
    if (missing || extra) problems.push(`category ${c}: ${missing} users missing, ${extra} extra`);
  }
  result.model = { [`ndcg@${K}`]: perCategory((u, c) => Number(scores[c]?.[u] ?? -Infinity)) };
}
if (a.scores) {
  const scores = JSON.parse(readFileSync(a.scores, 'utf8'));
  const missing = users.filter((u) => !(u in scores)).length;
  if (missing) problems.push(`global scores: ${missing} users missing`);
  result.model = { ...result.model, global: global((u) => Number(scores[u] ?? -Infinity)) };
}
result.baselines = Object.fromEntries(Object.entries(categoryBaselines).map(([name, f]) => [name, { [`ndcg@${K}`]: perCategory(f) }]));
result.globalBaselines = Object.fromEntries(Object.entries(globalBaselines).map(([name, f]) => [name, global(f)]));
if (problems.length) {
  result.problems = problems;
  process.exitCode = 1;
}
console.log(JSON.stringify(result, null, 2));
