/**
 * The per-category influence model: a Poisson regression on (user, category) rows
 * (category-features.ts) predicting influence(u, c), the distinct followers who follow u into a
 * product of c in the next period (category-truth.ts). A user's global score is the sum of their
 * category rates.
 *
 * Everything is chosen before the cutoff, like pipeline.ts: training snapshots at
 * c_k = cutoff − P − (k−1)·stride label the influence of actions in (c_k, cutoff] (reactions up to
 * the cutoff) with exposure (cutoff − c_k)/P. For validation, the snapshots whose labels can end at
 * c_1 are refit with labels ending there and scored against the period (c_1, c_1 + P]; each
 * feature-group set (the ablation of the graph part) and L2 weight is measured there, the best
 * mean category NDCG@20 wins, and it is refit on all snapshots to score the users at the cutoff.
 */
import type { ActivityLog } from '../core/activity-log';
import { DAY_MS } from '../core/activity-log';
import { categoryRowsAt, FEATURE_GROUPS, type CategoryRows, type FeatureGroup } from './category-features';
import { categoryMetrics, EVALUATED_CATEGORIES, globalMetrics, type CategoryMetrics, type GlobalMetrics } from './category-metrics';
import { categoryInfluence, topCategories, type CategoryInfluence } from './category-truth';
import { compareIds } from './compare-ids';
import type { LogIndex } from './log-index';
import { influenceCounts } from './ground-truth';
import { fitPoisson, predictLogRate, type PoissonFit } from './poisson-glm';

export interface CategoryModelOptions {
  windowMs: number;
  periodMs: number;
  snapshots: number;
  strideMs: number;
  /** Validation folds: periods (v, cutoff] for v = cutoff − P − j·stride, j < folds. */
  folds: number;
  /** Candidate feature-group sets, compared on validation. */
  variants: FeatureGroup[][];
  /** Candidate L2 weights, compared on validation. */
  lambdas: number[];
  /** Whether to compare a second fit on the candidate rows alone (see `CategoryModel`). */
  splits: boolean[];
}

/**
 * One fit on all rows, and with `split` a second on the candidate rows (followed users who have
 * reviewed in the category), which scores those: the rows that can top a category list are a
 * few percent of all, and on all rows the fit spends itself separating them from the rest.
 */
export interface CategoryModel {
  groups: FeatureGroup[];
  lambda: number;
  split: boolean;
  all: PoissonFit;
  candidates: PoissonFit | null;
}

export const DEFAULT_CATEGORY_OPTIONS: CategoryModelOptions = {
  windowMs: 365 * DAY_MS,
  periodMs: 365 * DAY_MS,
  snapshots: 4,
  strideMs: 182 * DAY_MS,
  folds: 3,
  variants: [['own'], ['own', 'audience'], ['own', 'cascades'], ['own', 'audience', 'cascades']],
  lambdas: [1e-2],
  splits: [false, true],
};

export interface Measured {
  category: CategoryMetrics;
  global: GlobalMetrics;
}

export interface ValidationRecord extends Measured {
  groups: FeatureGroup[];
  lambda: number;
  split: boolean;
}

export interface CategoryRun {
  /** The rows at the cutoff and each row's predicted rate (influence(u, c) over the next period). */
  rows: CategoryRows;
  rates: Float64Array;
  /** Per user (indexed like log.userIds): Σ_c rate; meaningful for rows.users. */
  global: Float64Array;
  model: CategoryModel;
  validation: ValidationRecord[];
  validationBaselines: Record<string, Measured>;
  validationPeriods: [number, number][];
  snapshotTimes: number[];
  seconds: number;
}

interface Labelled {
  rows: CategoryRows;
  y: Float64Array;
  exposure: number;
}

export function trainCategoryModel(index: LogIndex, cutoff: number, opts: CategoryModelOptions): CategoryRun {
  const started = performance.now();
  const { log } = index;
  const rowsAt = new Map<number, CategoryRows>();
  const rowsOf = (t: number) => rowsAt.get(t) ?? rowsAt.set(t, categoryRowsAt(index, t, opts.periodMs, opts.windowMs)).get(t)!;
  /** Snapshots before `end` with their influence up to `end` as label. */
  const trainingSet = (end: number): Labelled[] =>
    snapshotsBefore(log, end, opts).map((t) => {
      const rows = rowsOf(t);
      return { rows, y: rowValues(rows, categoryInfluence(index, period(t, end, opts.windowMs)).followers), exposure: (end - t) / opts.periodMs };
    });
  const snapshotTimes = snapshotsBefore(log, cutoff, opts);
  if (snapshotTimes.length === 0) throw new Error(`not enough history before the cutoff for one training period of ${opts.periodMs / DAY_MS} days`);

  // Validation folds: at v = cutoff − P − j·stride, the influence of actions in (v, cutoff] (open-ended
  // up to what is known, like the evaluation after the cutoff), predicted from snapshots before v.
  const folds = Array.from({ length: opts.folds }, (_, j) => cutoff - opts.periodMs - j * opts.strideMs)
    .map((v) => ({ v, training: trainingSet(v) }))
    .filter((f) => f.training.length > 0)
    .map(({ v, training }) => {
      const target = rowsOf(v);
      const truth = categoryInfluence(index, period(v, cutoff, opts.windowMs));
      const globalTruth = influenceCounts(log, period(v, cutoff, opts.windowMs), index.groups, index.follows);
      return { v, training, measure: (rates: ArrayLike<number>, perUser?: ArrayLike<number>) => measureRows(log, target, rates, truth, globalTruth, perUser), target };
    });
  const validation: ValidationRecord[] = [];
  let chosen = { groups: opts.variants[opts.variants.length - 1], lambda: opts.lambdas[0], split: opts.splits[0] };
  let best = -Infinity;
  for (const groups of opts.variants) {
    for (const lambda of opts.lambdas) {
      for (const split of opts.splits) {
        const record = { groups, lambda, split, ...meanOf(folds.map((f) => f.measure(predictRates(fitModel(f.training, groups, lambda, split), f.target)))) };
        validation.push(record);
        if (record.category.ndcg > best) {
          best = record.category.ndcg;
          chosen = { groups, lambda, split };
        }
      }
    }
  }
  const baselineNames = folds.length ? Object.keys(baselineRates(folds[0].target, log.userIds.length)) : [];
  const validationBaselines = Object.fromEntries(
    baselineNames.map((name) => [name, meanOf(folds.map((f) => {
      const b = baselineRates(f.target, log.userIds.length)[name];
      return f.measure(b.perRow, b.perUser);
    }))]),
  );

  const model = fitModel(trainingSet(cutoff), chosen.groups, chosen.lambda, chosen.split);
  const rows = categoryRowsAt(index, cutoff, opts.periodMs, opts.windowMs);
  const rates = predictRates(model, rows);
  return {
    rows, rates, global: userTotals(log, rows, rates), model, validation, validationBaselines,
    validationPeriods: folds.map((f) => [f.v, cutoff]), snapshotTimes, seconds: (performance.now() - started) / 1000,
  };
}

/** Up to `snapshots` times end − P − k·stride with at least one period of history before them. */
function snapshotsBefore(log: ActivityLog, end: number, opts: CategoryModelOptions): number[] {
  const firstAction = log.actTime[0] ?? end;
  const out: number[] = [];
  for (let k = 0; k < opts.snapshots; k++) {
    const t = end - opts.periodMs - k * opts.strideMs;
    if (t - opts.periodMs < firstAction) break;
    out.push(t);
  }
  return out;
}

/** Metrics averaged over validation folds (per-category NDCG by category id where the folds share it). */
function meanOf(ms: Measured[]): Measured {
  const avg = (f: (m: Measured) => number) => ms.reduce((s, m) => s + f(m), 0) / ms.length;
  return {
    category: { ndcg: avg((m) => m.category.ndcg), byCategory: ms.length === 1 ? ms[0].category.byCategory : {} },
    global: { ndcg: avg((m) => m.global.ndcg), spearmanRandomTies: avg((m) => m.global.spearmanRandomTies) },
  };
}

/** The baselines per row, with the global score each pairs with per user (indexed like log.userIds). */
export function baselineRates(rows: CategoryRows, numUsers: number): Record<string, { perRow: Float64Array; perUser: Float64Array }> {
  const { followers, reviewsInC, reviews, influenceInCPeriod, influencePeriod } = rows.raw;
  const C = rows.numCategories;
  const byUser = (v: Float64Array) => {
    const out = new Float64Array(numUsers);
    rows.users.forEach((u, i) => (out[u] = v[i * C]));
    return out;
  };
  return {
    followersXReviewsInC: { perRow: followers.map((f, r) => f * reviewsInC[r]), perUser: byUser(followers.map((f, r) => f * reviews[r])) },
    pastYearInfluenceInC: { perRow: influenceInCPeriod, perUser: byUser(influencePeriod) },
    globalPastXShare: { perRow: influencePeriod.map((g, r) => (g * reviewsInC[r]) / reviews[r]), perUser: byUser(influencePeriod) },
    followers: { perRow: followers, perUser: byUser(followers) },
  };
}

/** Category and global metrics of per-row rates at `rows`, users in id order. */
export function measureRows(log: ActivityLog, rows: CategoryRows, rates: ArrayLike<number>, truth: CategoryInfluence, globalTruth: Float64Array, perUser?: ArrayLike<number>): Measured {
  const C = rows.numCategories;
  const order = Array.from(rows.users.keys()).sort((a, b) => compareIds(log.userIds[rows.users[a]], log.userIds[rows.users[b]]));
  const category = categoryMetrics(
    topCategories(truth.adoptions, EVALUATED_CATEGORIES).map((c) => ({
      id: log.categoryIds[c],
      score: order.map((i) => rates[i * C + c]),
      truth: order.map((i) => truth.followers[rows.users[i] * C + c]),
    })),
  );
  const totals = perUser ?? userTotals(log, rows, rates);
  const global = globalMetrics(order.map((i) => totals[rows.users[i]]), order.map((i) => globalTruth[rows.users[i]]));
  return { category, global };
}

/** Σ_c rate(u, c), indexed like log.userIds. */
function userTotals(log: ActivityLog, rows: CategoryRows, rates: ArrayLike<number>): Float64Array {
  const out = new Float64Array(log.userIds.length);
  for (let r = 0; r < rates.length; r++) out[rows.users[Math.floor(r / rows.numCategories)]] += rates[r];
  return out;
}

function fitModel(data: Labelled[], groups: FeatureGroup[], lambda: number, split: boolean): CategoryModel {
  const names = groups.flatMap((g) => [...FEATURE_GROUPS[g]]);
  const blocks = data.map((d) => ({ design: design(d.rows), y: d.y, exposure: d.exposure }));
  const all = fitPoisson(names, blocks, lambda);
  const candidates = split ? fitPoisson(names, blocks.map((b, k) => ({ ...b, select: candidateRows(data[k].rows) })), lambda) : null;
  return { groups, lambda, split, all, candidates };
}

/** Predicted influence(u, c) over the next period, per row. */
export function predictRates(model: CategoryModel, rows: CategoryRows): Float64Array {
  const rates = predictLogRate(model.all, design(rows)).map(Math.exp);
  if (model.candidates) {
    const own = predictLogRate(model.candidates, design(rows));
    for (const r of candidateRows(rows)) rates[r] = Math.exp(own[r]);
  }
  return rates;
}

/** Rows of followed users who have reviewed in the category. */
function candidateRows(rows: CategoryRows): Int32Array {
  const out: number[] = [];
  rows.raw.followers.forEach((f, r) => f > 0 && rows.raw.reviewsInC[r] > 0 && out.push(r));
  return Int32Array.from(out);
}

function design(rows: CategoryRows) {
  return { columns: rows.columns, rows: rows.users.length * rows.numCategories };
}

/** A per-(user, category) array (u·C + c) laid out as the rows (row i·C + c is user users[i]). */
function rowValues(rows: CategoryRows, perUC: Float64Array): Float64Array {
  const C = rows.numCategories;
  const out = new Float64Array(rows.users.length * C);
  rows.users.forEach((u, i) => out.set(perUC.subarray(u * C, u * C + C), i * C));
  return out;
}

function period(from: number, to: number, windowMs: number) {
  return { actorFrom: from, actorTo: to, followerTo: to, windowMs };
}
