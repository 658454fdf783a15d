/**
 * Per-category influence on Ciao at the two cutoffs (issue #19): the same pipeline as
 * `npm run gnn -- influence` (feature groups and L2 chosen on validation periods before the
 * cutoff, then refit and scored at it), cross-checked by the independent evaluator
 * bench/eval-influence-category.mjs, which also computes the baselines from the files alone.
 * Writes bench/results/influence-category.json and prints it.
 * Usage: npx tsx bench/influence-category-ciao.ts [YYYY-MM-DD ...]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY_MS, parseDate } from '../gnn/core/activity-log';
import { evaluateCategoryInfluence } from '../gnn/influence/offline/category-evaluate';
import { DEFAULT_CATEGORY_OPTIONS } from '../gnn/influence/category-pipeline';
import { readCiao } from '../gnn/core/ciao';

const DATA = '../shared/datasets/ciao';
const REVIEWS = join(DATA, 'reviews.csv');
const TRUST = join(DATA, 'trust.csv');
const CUTOFFS = ['2008-01-01', '2009-01-01'];
const RESULTS = 'bench/results/influence-category.json';
/** Targets from issue #19 (per-category NDCG@20 mean over the 10 categories; global NDCG@100). */
const TARGET: Record<string, { categoryNdcg: number; globalNdcg: number }> = {
  '2008-01-01': { categoryNdcg: 0.27, globalNdcg: 0.55 },
  '2009-01-01': { categoryNdcg: 0.35, globalNdcg: 0.55 },
};

if (!existsSync(REVIEWS) || !existsSync(TRUST)) throw new Error(`Ciao data not found under ${DATA}`);
const opts = DEFAULT_CATEGORY_OPTIONS;
const cutoffs = process.argv.slice(2).length ? process.argv.slice(2) : CUTOFFS;
const results: Record<string, unknown> = {};
const log = readCiao(REVIEWS, TRUST);
for (const cutoff of cutoffs) {
  const cpu = process.cpuUsage();
  const { report, scores, categoryScores } = evaluateCategoryInfluence(log, parseDate(cutoff), opts);
  const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
  const files = { scores: join(tmpdir(), `influence-scores-${cutoff}.json`), categoryScores: join(tmpdir(), `influence-category-scores-${cutoff}.json`) };
  writeFileSync(files.scores, JSON.stringify(scores));
  writeFileSync(files.categoryScores, JSON.stringify(categoryScores));
  const independent = JSON.parse(
    execFileSync(process.execPath, ['bench/eval-influence-category.mjs', '--reviews', REVIEWS, '--trust', TRUST, '--cutoff', cutoff,
      '--scores', files.scores, '--category-scores', files.categoryScores, '--window', String(opts.windowMs / DAY_MS)], { encoding: 'utf8' }),
  );
  results[cutoff] = {
    command: `npm run gnn -- influence --reviews ${REVIEWS} --trust ${TRUST} --cutoff ${cutoff} --scores ${files.scores} --category-scores ${files.categoryScores}`,
    check: `node bench/eval-influence-category.mjs --reviews ${REVIEWS} --trust ${TRUST} --cutoff ${cutoff} --scores ${files.scores} --category-scores ${files.categoryScores}`,
    target: TARGET[cutoff],
    ...report,
    cpuSeconds: Number(cpuSeconds.toFixed(1)),
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    independentCheck: independent,
    date: new Date().toISOString(),
  };
}
mkdirSync('bench/results', { recursive: true });
// Read just before writing, so runs for different cutoffs in parallel keep each other's results.
const earlier: Record<string, unknown> = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')).results : {};
const text = `${JSON.stringify({ results: { ...earlier, ...results } }, null, 2)}\n`;
writeFileSync(RESULTS, text);
process.stdout.write(text);
