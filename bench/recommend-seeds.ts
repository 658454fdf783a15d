/**
 * Collects seed runs of `npm run gnn -- recommend` (issue #18 part 3) into
 * bench/results/recommend-seeds.json: per run its command, time, load average, choice and test
 * metrics as the run printed them, the beyond-accuracy figures of its prediction file
 * (gnn/recommend/offline/beyond-accuracy.ts) and the independent evaluator's score of the same
 * file; then per dataset the mean over seeds of the social model and the social lift over the
 * non-social ablation (`--social none`, same flags) on the seeds both ran; with bootstrap intervals
 * over test users for the seed mean and the cold-user lift (how much of a gap to a target is the
 * test set's own noise: a few hundred cold users make the lift a noisy figure). Beside the lift, how
 * far trust edges can reach cold users at all: how many have one (either direction, as the model
 * uses them), what share of their test items some trust neighbour has in training, and the lift
 * on cold users with and without a trust edge.
 * A run is three files in RUNS_DIR: NAME.meta (line 1 `start <iso> <uptime>`, line 2 the command,
 * line 3 `end <iso> ... <uptime>`), NAME.log (its output) and NAME.json (its --predictions).
 * Usage: npx tsx bench/recommend-seeds.ts RUNS_DIR [OUT] (default OUT: bench/results/recommend-seeds.json)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COLD_USER_MAX } from '../gnn/recommend/cold-vector';
import { beyondAccuracy } from '../gnn/recommend/offline/beyond-accuracy';
import { Random } from '../gnn/core/random';
import { rankingMetrics } from '../gnn/recommend/offline/metrics';
import { readSplit } from '../gnn/recommend/offline/split';
import { RECOMMEND_DEFAULTS } from '../gnn/recommend/defaults';

const runsDir = process.argv[2];
if (!runsDir) throw new Error('usage: npx tsx bench/recommend-seeds.ts RUNS_DIR [OUT]');

const loadOf = (line: string) => (line.match(/load average: ([\d.]+), ([\d.]+), ([\d.]+)/) ?? []).slice(1).map(Number);
const num = (text: string, re: RegExp) => {
  const m = text.match(re);
  return m ? Number(m[1]) : null;
};

interface Run {
  name: string;
  dataset: string;
  social: string;
  seed: number;
  command: string;
  started: string;
  finished: string;
  loadAverage: { start: number[]; end: number[] };
  trainSeconds: number | null;
  chosen: string;
  finalModel: string;
  validation: string;
  test: { recall20: number | null; ndcg20: number | null };
  beyond: ReturnType<typeof beyondAccuracy>;
  independent: Record<string, unknown> & { 20: { recall: number; ndcg: number }; coverage20: number; novelty20: number; cold20: { users: number; recall: number; ndcg: number } };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const r4 = (x: number) => Number(x.toFixed(4));

const runs: Run[] = [];
/** Per run, each test user's Recall@20 and NDCG@20, whether the user is cold and has a trust edge (for the intervals; not written out). */
interface PerUser {
  recall: number[];
  ndcg: number[];
  cold: boolean[];
  trusted: boolean[];
}
const perUser = new Map<string, PerUser>();
/** How far trust edges reach a dataset's cold test users: the test items of those with an edge that a neighbour (or anyone within two hops) holds in training, beside as many random users (the mean of CHANCE_DRAWS draws). */
const CHANCE_DRAWS = 50;
const coldReach = new Map<
  string,
  { coldUsers: number; withTrustEdge: number; testItems: number; testItemsOfUsersWithTrustEdge: number; heldByTrustNeighbour: number; heldByAsManyRandomUsers: number; heldWithinTwoHops: number; heldByAsManyRandomUsersAsTwoHops: number; meanUsersWithinTwoHops: number }
>();
for (const file of readdirSync(runsDir).filter((f) => f.endsWith('.meta')).sort()) {
  const name = file.slice(0, -'.meta'.length);
  const [start, command, end] = readFileSync(path.join(runsDir, file), 'utf8').split('\n');
  const predictionsFile = path.join(runsDir, `${name}.json`);
  if (!end?.startsWith('end') || !existsSync(predictionsFile)) {
    console.error(`${name}: not finished, skipped`);
    continue;
  }
  const log = readFileSync(path.join(runsDir, `${name}.log`), 'utf8');
  const lines = log.split(/\r?\n|\r/);
  const splitDir = command.match(/--split (\S+)/)![1];
  const split = readSplit(splitDir);
  const predictions = JSON.parse(readFileSync(predictionsFile, 'utf8')) as Record<string, number[]>;
  const truth = new Map<number, number[]>();
  split.test.a.forEach((u, k) => truth.set(u, [...(truth.get(u) ?? []), split.test.b[k]]));
  const users = [...truth.keys()].sort((x, y) => x - y);
  const trainItems = new Map<number, Set<number>>();
  split.train.a.forEach((u, k) => trainItems.set(u, (trainItems.get(u) ?? new Set()).add(split.train.b[k])));
  const neighbours = new Map<number, number[]>();
  const link = (u: number, v: number) => (neighbours.get(u)?.push(v) ?? neighbours.set(u, [v]));
  split.trust.a.forEach((u, k) => {
    link(u, split.trust.b[k]);
    link(split.trust.b[k], u);
  });
  const each = users.map((u) => rankingMetrics([(predictions[String(u)] ?? []).slice(0, 20)], [truth.get(u)!], [20])[20]);
  const cold = users.map((u) => (trainItems.get(u)?.size ?? 0) <= COLD_USER_MAX);
  perUser.set(name, { recall: each.map((m) => m.recall), ndcg: each.map((m) => m.ndcg), cold, trusted: users.map((u) => neighbours.has(u)) });
  const dataset = path.basename(path.dirname(splitDir));
  if (!coldReach.has(dataset)) {
    const coldUsers = users.filter((_, k) => cold[k]);
    const trusted = coldUsers.filter((u) => neighbours.has(u));
    // The users within `hops` trust hops of u, u excluded.
    const within = (u: number, hops: 1 | 2) => {
      const near = new Set(hops === 1 ? neighbours.get(u)! : neighbours.get(u)!.flatMap((v) => [v, ...neighbours.get(v)!]));
      near.delete(u);
      return [...near];
    };
    // How many of u's test items someone in `group` holds in training.
    const heldBy = (u: number, group: number[]) => truth.get(u)!.filter((item) => group.some((v) => trainItems.get(v)?.has(item))).length;
    // Chance level: the mean count over CHANCE_DRAWS seeded draws of as many other users at random.
    const rng = new Random(1);
    const allUsers = [...trainItems.keys()];
    const drawn = (u: number, n: number) => {
      const out = new Set<number>();
      while (out.size < Math.min(n, allUsers.length - 1)) {
        const v = allUsers[rng.int(allUsers.length)];
        if (v !== u) out.add(v);
      }
      return [...out];
    };
    const chance = (u: number, n: number) => mean(Array.from({ length: CHANCE_DRAWS }, () => heldBy(u, drawn(u, n))));
    const held = trusted.map((u) => {
      const [near1, near2] = [within(u, 1), within(u, 2)];
      return [heldBy(u, near1), chance(u, near1.length), heldBy(u, near2), chance(u, near2.length)];
    });
    const total = (group: number) => Number(held.reduce((n, counts) => n + counts[group], 0).toFixed(1));
    coldReach.set(dataset, {
      coldUsers: coldUsers.length,
      withTrustEdge: trusted.length,
      testItems: coldUsers.reduce((n, u) => n + truth.get(u)!.length, 0),
      testItemsOfUsersWithTrustEdge: trusted.reduce((n, u) => n + truth.get(u)!.length, 0),
      heldByTrustNeighbour: total(0),
      heldByAsManyRandomUsers: total(1),
      heldWithinTwoHops: total(2),
      heldByAsManyRandomUsersAsTwoHops: total(3),
      meanUsersWithinTwoHops: Math.round(mean(trusted.map((u) => within(u, 2).length))),
    });
  }
  const line = (prefix: string) => lines.find((l) => l.startsWith(prefix))?.slice(prefix.length) ?? '';
  runs.push({
    name,
    dataset,
    // Without --social the run used the default.
    social: command.match(/--social (\S+)/)?.[1] ?? RECOMMEND_DEFAULTS.grid.social.join(','),
    seed: Number(command.match(/--seed (\S+)/)![1]),
    command,
    started: start.split(' ')[1],
    finished: end.split(' ')[1],
    loadAverage: { start: loadOf(start), end: loadOf(end) },
    trainSeconds: num(log, /training time: .*?\(([\d.]+) s,/),
    chosen: line('chosen: '),
    finalModel: line('final model: '),
    validation: line('gnn: chosen on validation: '),
    test: { recall20: num(log, /^P@20 [\d.]+ {2}R@20 ([\d.]+)/m), ndcg20: num(log, /^P@20 .*NDCG@20 ([\d.]+)/m) },
    beyond: beyondAccuracy(split.train, users, users.map((u) => predictions[String(u)] ?? []), users.map((u) => truth.get(u)!)),
    independent: JSON.parse(execFileSync(process.execPath, ['bench/eval-recommendations.mjs', predictionsFile, splitDir], { encoding: 'utf8' })),
  });
}

const DRAWS = 2000;

/**
 * The 2.5% and 97.5% quantiles of `statistic` over DRAWS resamplings (with replacement, seeded) of
 * the test users: how far a figure could move with other users of the same kind. Each draw
 * resamples the same users for every run, so runs stay paired.
 */
function interval(n: number, statistic: (pick: Int32Array) => number): [number, number] {
  const rng = new Random(1);
  const values: number[] = [];
  const pick = new Int32Array(n);
  for (let draw = 0; draw < DRAWS; draw++) {
    for (let k = 0; k < n; k++) pick[k] = rng.int(n);
    const value = statistic(pick);
    // A ratio is undefined on a draw whose denominator is 0 (possible with a handful of cold users).
    if (Number.isFinite(value)) values.push(value);
  }
  values.sort((x, y) => x - y);
  return [r4(values[Math.floor(0.025 * values.length)]), r4(values[Math.floor(0.975 * values.length)])];
}

/** Mean over `runs` (same test users) of their mean per-user metric over the picked users. */
function seedMean(runs: PerUser[], metric: 'recall' | 'ndcg', pick: ArrayLike<number>): number {
  let total = 0;
  for (const run of runs) {
    let s = 0;
    for (let k = 0; k < pick.length; k++) s += run[metric][pick[k]];
    total += s / pick.length;
  }
  return total / runs.length;
}

/** Cold-user Recall@20 lift of the social runs over their ablations (paired by seed, same test users), summed over the pairs, on the picked cold users. */
function coldLift(pairs: [social: PerUser, none: PerUser][], coldIdx: number[], pick: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (const [social, none] of pairs)
    for (let k = 0; k < pick.length; k++) {
      s += social.recall[coldIdx[pick[k]]];
      n += none.recall[coldIdx[pick[k]]];
    }
  return s / n - 1;
}

/** Cold-user Recall@20 lift of `social` over `none` on the cold users with (or without) a trust edge. */
function coldLiftWhere(social: PerUser, none: PerUser, trusted: boolean): number {
  let s = 0;
  let n = 0;
  social.cold.forEach((c, k) => {
    if (!c || social.trusted[k] !== trusted) return;
    s += social.recall[k];
    n += none.recall[k];
  });
  return r4(s / n - 1);
}

/** The five figures reported per model, each the mean over `runs`, as the independent evaluator scored them. */
function figures(runs: Run[]) {
  const meanOf = (figure: (r: Run) => number) => r4(mean(runs.map(figure)));
  return {
    recall20: meanOf((r) => r.independent[20].recall),
    ndcg20: meanOf((r) => r.independent[20].ndcg),
    coverage20: meanOf((r) => r.independent.coverage20),
    novelty20: meanOf((r) => r.independent.novelty20),
    coldRecall20: meanOf((r) => r.independent.cold20.recall),
  };
}

const summary: Record<string, unknown> = {};
for (const dataset of [...new Set(runs.map((r) => r.dataset))]) {
  const social = runs.filter((r) => r.dataset === dataset && r.social !== 'none');
  const ablation = runs.filter((r) => r.dataset === dataset && r.social === 'none');
  const paired = ablation.flatMap((a) => {
    const s = social.find((r) => r.seed === a.seed);
    return s ? [{ seed: a.seed, social: s, none: a }] : [];
  });
  const pairedUsers = (p: typeof paired) => p.map(({ social: s, none: a }) => [perUser.get(s.name)!, perUser.get(a.name)!] as [PerUser, PerUser]);
  const socialUsers = social.map((r) => perUser.get(r.name)!);
  const numUsers = socialUsers[0].recall.length;
  const coldIdx = socialUsers[0].cold.flatMap((c, k) => (c ? [k] : []));
  summary[dataset] = {
    seeds: social.map((r) => r.seed),
    coldReach: coldReach.get(dataset),
    mean95: {
      recall20: interval(numUsers, (pick) => seedMean(socialUsers, 'recall', pick)),
      ndcg20: interval(numUsers, (pick) => seedMean(socialUsers, 'ndcg', pick)),
    },
    mean: figures(social),
    ablation: paired.map(({ seed, social: s, none: a }) => ({
      seed,
      coldRecall20: {
        social: r4(s.independent.cold20.recall),
        none: r4(a.independent.cold20.recall),
        lift: r4(s.independent.cold20.recall / a.independent.cold20.recall - 1),
        lift95: interval(coldIdx.length, (pick) => coldLift(pairedUsers([{ seed, social: s, none: a }]), coldIdx, pick)),
        liftWithTrustEdge: coldLiftWhere(perUser.get(s.name)!, perUser.get(a.name)!, true),
        liftWithoutTrustEdge: coldLiftWhere(perUser.get(s.name)!, perUser.get(a.name)!, false),
      },
      recall20: { social: r4(s.independent[20].recall), none: r4(a.independent[20].recall) },
      coverage20: { social: r4(s.independent.coverage20), none: r4(a.independent.coverage20) },
    })),
    // The paired seeds together: the ablation's figures beside the social model's on the same seeds, and the cold lift of their sums.
    ablationMean: paired.length === 0 ? null : {
      seeds: paired.map((p) => p.seed),
      social: figures(paired.map((p) => p.social)),
      none: figures(paired.map((p) => p.none)),
      coldLift: r4(coldLift(pairedUsers(paired), coldIdx, coldIdx.map((_, k) => k))),
      coldLift95: interval(coldIdx.length, (pick) => coldLift(pairedUsers(paired), coldIdx, pick)),
    },
  };
}
const file = process.argv[3] ?? 'bench/results/recommend-seeds.json';
writeFileSync(file, `${JSON.stringify({ summary, runs }, null, 2)}\n`);
for (const r of runs) {
  const i = r.independent;
  console.log(
    `${r.name.padEnd(16)} R@20 ${i[20].recall.toFixed(4)} NDCG@20 ${i[20].ndcg.toFixed(4)} cov ${i.coverage20.toFixed(4)} nov ${i.novelty20.toFixed(2)} ` +
      `cold(${i.cold20.users}) R@20 ${i.cold20.recall.toFixed(4)}  (printed by the run: ${r.test.recall20} / ${r.test.ndcg20}; ${r.trainSeconds} s, load ${r.loadAverage.end.join(' ')})`,
  );
}
console.log(JSON.stringify(summary, null, 2));
console.log(`wrote ${file}`);
