#!/usr/bin/env node
/**
 * Independent evaluator for influence scores (plain JS, shares no code with gnn/).
 *
 *   node bench/eval-influence.mjs --reviews reviews.csv --trust trust.csv --cutoff YYYY-MM-DD \
 *        --scores scores.json [--window 365] [--k 100]
 *
 * Recomputes, from the data files alone, the influence observed after the cutoff:
 *   influence(u) = #distinct (f, p) with f -> u in trust.csv, u reviewed p at t_u > cutoff, and
 *                  f reviewed p at t_f, t_u < t_f <= t_u + window days;
 * checks that the scores cover exactly the users with a review before the cutoff, and prints
 * NDCG@k (gain = influence), Precision@k (overlap of top k by score with top k by influence)
 * and Spearman (average ranks for ties). Rankings break ties by user id ascending.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: { reviews: { type: 'string' }, trust: { type: 'string' }, cutoff: { type: 'string' }, scores: { type: 'string' }, window: { type: 'string', default: '365' }, k: { type: 'string', default: '100' } },
});
for (const need of ['reviews', 'trust', 'cutoff', 'scores']) if (!a[need]) throw new Error(`--${need} is required`);
const cutoffSec = Date.parse(`${a.cutoff}T00:00:00Z`) / 1000;
if (!Number.isFinite(cutoffSec)) throw new Error(`bad --cutoff ${a.cutoff}`);
const windowSec = Number(a.window) * 86400;
const K = Number(a.k);

const csv = (file) => readFileSync(file, 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim()).map((l) => l.split(','));
const reviews = csv(a.reviews).map((f) => ({ user: f[0], product: f[1], t: Number(f[5]) }));
const follows = new Set(csv(a.trust).filter((f) => f[0] !== f[1]).map((f) => `${f[0]} ${f[1]}`)); // "follower followee"

// Ground truth: for each product, compare every pair of reviews on it.
const byProduct = new Map();
for (const r of reviews) {
  if (!byProduct.has(r.product)) byProduct.set(r.product, []);
  byProduct.get(r.product).push(r);
}
const pairs = new Map(); // influencer -> Set of "follower product"
for (const [product, list] of byProduct) {
  for (const x of list) {
    if (x.t <= cutoffSec) continue;
    for (const y of list) {
      if (y.user === x.user || !(y.t > x.t) || y.t > x.t + windowSec || !follows.has(`${y.user} ${x.user}`)) continue;
      if (!pairs.has(x.user)) pairs.set(x.user, new Set());
      pairs.get(x.user).add(`${y.user} ${product}`);
    }
  }
}

const activeBefore = new Set(reviews.filter((r) => r.t < cutoffSec).map((r) => r.user));
const scores = JSON.parse(readFileSync(a.scores, 'utf8'));
const scored = Object.keys(scores);
const missing = [...activeBefore].filter((u) => !(u in scores));
const extra = scored.filter((u) => !activeBefore.has(u));
if (missing.length || extra.length) {
  console.error(`scores do not match the users active before the cutoff: ${missing.length} missing, ${extra.length} extra`);
  process.exitCode = 1;
}

const byId = (x, y) => (/^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0);
const users = scored.filter((u) => activeBefore.has(u)).sort(byId);
const truth = new Map(users.map((u) => [u, pairs.get(u)?.size ?? 0]));
const score = new Map(users.map((u) => [u, Number(scores[u])]));

const rankBy = (m) => [...users].sort((x, y) => m.get(y) - m.get(x) || byId(x, y));
const byScore = rankBy(score).slice(0, K);
const byTruth = rankBy(truth).slice(0, K);
const dcg = (list) => list.reduce((s, u, r) => s + truth.get(u) / Math.log2(r + 2), 0);
const ndcg = dcg(byTruth) > 0 ? dcg(byScore) / dcg(byTruth) : 0;
const topTruth = new Set(byTruth);
const precision = byScore.filter((u) => topTruth.has(u)).length / K;

function avgRanks(m) {
  const sorted = [...users].sort((x, y) => m.get(x) - m.get(y));
  const rank = new Map();
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && m.get(sorted[j + 1]) === m.get(sorted[i])) j++;
    for (let t = i; t <= j; t++) rank.set(sorted[t], (i + j) / 2 + 1);
    i = j + 1;
  }
  return users.map((u) => rank.get(u));
}
const rs = avgRanks(score);
const rt = avgRanks(truth);
const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
const ms = mean(rs);
const mt = mean(rt);
let cov = 0, vs = 0, vt = 0;
for (let i = 0; i < users.length; i++) {
  cov += (rs[i] - ms) * (rt[i] - mt);
  vs += (rs[i] - ms) ** 2;
  vt += (rt[i] - mt) ** 2;
}
const spearman = vs > 0 && vt > 0 ? cov / Math.sqrt(vs * vt) : 0;

const result = { cutoff: a.cutoff, windowDays: Number(a.window), users: users.length, usersWithInfluence: [...truth.values()].filter((v) => v > 0).length, [`ndcg@${K}`]: ndcg, [`precision@${K}`]: precision, spearman };
console.log(JSON.stringify(result, null, 2));
