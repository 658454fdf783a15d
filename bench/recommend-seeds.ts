/**
 * Collects seed runs of `npm run gnn -- recommend` (issue #18 part 3) into
 * bench/results/recommend-seeds.json: per run its command, time, load average, choice and test
 * metrics as the run printed them, the beyond-accuracy figures of its prediction file
 * (gnn/recommend/offline/beyond-accuracy.ts) and the independent evaluator's score of the same
 * file; then per dataset the mean over seeds of the social model and the social lift over the
 * non-social ablation (`--social none`, same flags) on the seeds both ran, with a paired bootstrap
 * interval for the cold-user lift (a few hundred cold users make it a noisy figure).
 * A run is three files in RUNS_DIR: NAME.meta (line 1 `start <iso> <uptime>`, line 2 the command,
 * line 3 `end <iso> ... <uptime>`), NAME.log (its output) and NAME.json (its --predictions).
 * Usage: npx tsx bench/recommend-seeds.ts RUNS_DIR
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COLD_MAX, beyondAccuracy } from '../gnn/recommend/offline/beyond-accuracy';
import { Random } from '../gnn/core/random';
import { readSplit } from '../gnn/recommend/offline/split';

const runsDir = process.argv[2];
if (!runsDir) throw new Error('usage: npx tsx bench/recommend-seeds.ts RUNS_DIR');

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

const runs: Run[] = [];
/** Per run, each cold test user's Recall@20 (for the paired interval; not written out). */
const coldRecalls = new Map<string, Map<number, number>>();
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
  const trainCount = new Map<number, number>();
  const seenPairs = new Set<string>();
  split.train.a.forEach((u, k) => {
    const key = `${u},${split.train.b[k]}`;
    if (!seenPairs.has(key)) seenPairs.add(key), trainCount.set(u, (trainCount.get(u) ?? 0) + 1);
  });
  const cold = new Map<number, number>();
  for (const u of users) {
    if ((trainCount.get(u) ?? 0) > COLD_MAX) continue;
    const top = new Set((predictions[String(u)] ?? []).slice(0, 20));
    const held = truth.get(u)!;
    cold.set(u, held.filter((i) => top.has(i)).length / held.length);
  }
  coldRecalls.set(name, cold);
  const line = (prefix: string) => lines.find((l) => l.startsWith(prefix))?.slice(prefix.length) ?? '';
  runs.push({
    name,
    dataset: path.basename(path.dirname(splitDir)),
    social: command.match(/--social (\S+)/)![1],
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

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const r4 = (x: number) => Number(x.toFixed(4));

/**
 * 95% interval of mean(social)/mean(none) − 1 over the cold users both runs ranked, resampling
 * users with replacement (2,000 draws, seeded): how far the lift could move with other cold users.
 */
function liftInterval(social: Map<number, number>, none: Map<number, number>): [number, number] {
  const users = [...social.keys()].filter((u) => none.has(u));
  const rng = new Random(1);
  const lifts: number[] = [];
  for (let draw = 0; draw < 2000; draw++) {
    let s = 0;
    let n = 0;
    for (let k = 0; k < users.length; k++) {
      const u = users[rng.int(users.length)];
      s += social.get(u)!;
      n += none.get(u)!;
    }
    if (n > 0) lifts.push(s / n - 1);
  }
  lifts.sort((a, b) => a - b);
  return [r4(lifts[Math.floor(0.025 * lifts.length)]), r4(lifts[Math.floor(0.975 * lifts.length)])];
}
const summary: Record<string, unknown> = {};
for (const dataset of [...new Set(runs.map((r) => r.dataset))]) {
  const social = runs.filter((r) => r.dataset === dataset && r.social !== 'none');
  const ablation = runs.filter((r) => r.dataset === dataset && r.social === 'none');
  const paired = ablation.map((a) => ({ seed: a.seed, social: social.find((s) => s.seed === a.seed) })).filter((p) => p.social);
  summary[dataset] = {
    seeds: social.map((r) => r.seed),
    mean: {
      recall20: r4(mean(social.map((r) => r.independent[20].recall))),
      ndcg20: r4(mean(social.map((r) => r.independent[20].ndcg))),
      coverage20: r4(mean(social.map((r) => r.independent.coverage20))),
      novelty20: r4(mean(social.map((r) => r.independent.novelty20))),
      coldRecall20: r4(mean(social.map((r) => r.independent.cold20.recall))),
    },
    ablation: paired.map(({ seed, social: s }) => {
      const a = ablation.find((r) => r.seed === seed)!;
      return {
        seed,
        coldRecall20: {
          social: r4(s!.independent.cold20.recall),
          none: r4(a.independent.cold20.recall),
          lift: r4(s!.independent.cold20.recall / a.independent.cold20.recall - 1),
          lift95: liftInterval(coldRecalls.get(s!.name)!, coldRecalls.get(a.name)!),
        },
        recall20: { social: r4(s!.independent[20].recall), none: r4(a.independent[20].recall) },
        coverage20: { social: r4(s!.independent.coverage20), none: r4(a.independent.coverage20) },
      };
    }),
  };
}
const file = 'bench/results/recommend-seeds.json';
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
