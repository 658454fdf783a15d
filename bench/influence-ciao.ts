/**
 * Influence benchmark on Ciao at the two cutoffs: the same pipeline as
 * `npm run gnn -- influence` (train on periods before the cutoff, score users active before it),
 * model and baselines on the same users, cross-checked by the independent evaluator
 * bench/eval-influence.mjs. Writes bench/results/influence.json and prints it.
 * Usage: npx tsx bench/influence-ciao.ts [YYYY-MM-DD ...]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { progressBars } from '../gnn/core/progress';
import { DAY_MS, parseDate } from '../gnn/core/activity-log';
import { readCiao } from '../gnn/core/ciao';
import { evaluateInfluence } from '../gnn/influence/offline/evaluate';
import { DEFAULT_TRAIN_OPTIONS } from '../gnn/influence/pipeline';

const DATA = '../shared/datasets/ciao';
const REVIEWS = join(DATA, 'reviews.csv');
const TRUST = join(DATA, 'trust.csv');
const CUTOFFS = ['2008-01-01', '2009-01-01'];
const RESULTS = 'bench/results/influence.json';
/** Measured by the issue author (followers x reviews baseline) and the targets set there. */
const REFERENCE: Record<string, unknown> = {
  '2008-01-01': { followersXReviews: { ndcg: 0.398, precision: 0.4, spearman: 0.287 }, followersSpearman: 0.29, target: { ndcg: 0.45, spearman: 0.32 } },
  '2009-01-01': { followersXReviews: { ndcg: 0.475, precision: 0.43, spearman: 0.267 }, followersSpearman: 0.266, target: { ndcg: 0.52, spearman: 0.3 } },
};

if (!existsSync(REVIEWS) || !existsSync(TRUST)) throw new Error(`Ciao data not found under ${DATA}`);
const opts = DEFAULT_TRAIN_OPTIONS;
const cutoffs = process.argv.slice(2).length ? process.argv.slice(2) : CUTOFFS;
const results: Record<string, unknown> = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')).results : {};
const log = readCiao(REVIEWS, TRUST);
for (const cutoff of cutoffs) {
  const cpu = process.cpuUsage();
  const { report, scores } = await evaluateInfluence(log, parseDate(cutoff), opts, progressBars());
  const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
  const scoresFile = join(tmpdir(), `influence-scores-${cutoff}.json`);
  writeFileSync(scoresFile, JSON.stringify(scores));
  const independent = JSON.parse(
    execFileSync(process.execPath, ['bench/eval-influence.mjs', '--reviews', REVIEWS, '--trust', TRUST, '--cutoff', cutoff, '--scores', scoresFile, '--window', String(opts.windowMs / DAY_MS)], { encoding: 'utf8' }),
  );
  results[cutoff] = {
    command: `npm run gnn -- influence --reviews ${REVIEWS} --trust ${TRUST} --cutoff ${cutoff} --scores ${scoresFile} --seed ${opts.seed}`,
    ...report,
    cpuSeconds: Number(cpuSeconds.toFixed(1)),
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    reference: REFERENCE[cutoff],
    independentCheck: independent,
    date: new Date().toISOString(),
  };
}
mkdirSync('bench/results', { recursive: true });
const text = `${JSON.stringify({ results }, null, 2)}\n`;
writeFileSync(RESULTS, text);
process.stdout.write(text);
