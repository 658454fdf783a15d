/**
 * Offline evaluation of the category model at a cutoff: train and choose on validation folds
 * before it (category-pipeline.ts), score every user active before it in every category, and
 * measure model and baselines against the influence observed after it (open-ended, like
 * bench/eval-influence-category.mjs, which recomputes the same numbers from the files alone).
 */
import type { ActivityLog } from '../../core/activity-log';
import { DAY_MS } from '../../core/activity-log';
import type { FeatureGroup } from '../category-features';
import { CATEGORY_K, EVALUATED_CATEGORIES, GLOBAL_K } from '../category-metrics';
import { baselineRates, measureRows, trainCategoryModel, type CategoryModelOptions, type Measured, type ValidationRecord } from '../category-pipeline';
import { categoryInfluence } from '../category-truth';
import { compareIds } from '../compare-ids';
import { indexLog } from '../log-index';
import { influenceCounts } from '../ground-truth';
import type { PoissonFit } from '../poisson-glm';

export interface CategoryEvaluationReport {
  cutoff: string;
  windowDays: number;
  periodDays: number;
  users: number;
  definition: string;
  trainingSnapshots: string[];
  validationPeriods: string[];
  validation: ValidationRecord[];
  validationBaselines: Record<string, Measured>;
  chosen: { groups: FeatureGroup[]; lambda: number; split: boolean };
  /** Weights per unit of each raw feature (log-rate change), of the fit on all rows and on the candidate rows. */
  coefficients: { all: Record<string, number>; candidates: Record<string, number> | null };
  trainSeconds: number;
  /** After the cutoff: per-category NDCG@20 over the evaluated categories, global NDCG@100 and Spearman. */
  model: Measured;
  baselines: Record<string, Measured>;
}

export const CATEGORY_TRUTH_DEFINITION =
  'influence(u, c) = #distinct followers f of u with, for some product p of category c, u acting on p at t_u > cutoff and f acting on p in (t_u, t_u + window]; ' +
  `NDCG@${CATEGORY_K} (gain = influence(u, c), ties by user id) averaged over the ${EVALUATED_CATEGORIES} categories with the most influence pairs after the cutoff; ` +
  `global: NDCG@${GLOBAL_K} and Spearman (score ties broken at random) of Σ_c score against #distinct (f, p) pairs`;

export interface CategoryEvaluation {
  report: CategoryEvaluationReport;
  /** Global scores by user id (Σ over categories). */
  scores: Record<string, number>;
  /** Category id → user id → score, for every category and every user active before the cutoff. */
  categoryScores: Record<string, Record<string, number>>;
}

export function evaluateCategoryInfluence(log: ActivityLog, cutoff: number, opts: CategoryModelOptions): CategoryEvaluation {
  const index = indexLog(log);
  const run = trainCategoryModel(index, cutoff, opts);
  const after = { actorFrom: cutoff, actorTo: Infinity, followerTo: Infinity, windowMs: opts.windowMs };
  const truth = categoryInfluence(index, after);
  const globalTruth = influenceCounts(log, after, index.groups, index.follows);
  const { rows, rates } = run;
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const report: CategoryEvaluationReport = {
    cutoff: day(cutoff),
    windowDays: opts.windowMs / DAY_MS,
    periodDays: opts.periodMs / DAY_MS,
    users: rows.users.length,
    definition: CATEGORY_TRUTH_DEFINITION,
    trainingSnapshots: run.snapshotTimes.map(day),
    validationPeriods: run.validationPeriods.map(([a, b]) => `${day(a)}..${day(b)}`),
    validation: run.validation,
    validationBaselines: run.validationBaselines,
    chosen: { groups: run.model.groups, lambda: run.model.lambda, split: run.model.split },
    coefficients: { all: perUnit(run.model.all), candidates: run.model.candidates && perUnit(run.model.candidates) },
    trainSeconds: run.seconds,
    model: measureRows(log, rows, rates, truth, globalTruth, run.global),
    baselines: Object.fromEntries(Object.entries(baselineRates(rows, log.userIds.length)).map(([name, b]) => [name, measureRows(log, rows, b.perRow, truth, globalTruth, b.perUser)])),
  };
  const users = Array.from(rows.users.keys()).sort((a, b) => compareIds(log.userIds[rows.users[a]], log.userIds[rows.users[b]]));
  const C = rows.numCategories;
  const scores = Object.fromEntries(users.map((i) => [log.userIds[rows.users[i]], run.global[rows.users[i]]]));
  const categoryScores = Object.fromEntries(log.categoryIds.map((id, c) => [id, Object.fromEntries(users.map((i) => [log.userIds[rows.users[i]], rates[i * C + c]]))]));
  return { report, scores, categoryScores };
}

function perUnit(fit: PoissonFit): Record<string, number> {
  return Object.fromEntries(fit.names.map((n, j) => [n, fit.w[j] / fit.sd[j]]));
}

export function formatCategoryReport(r: CategoryEvaluationReport): string {
  const row = (name: string, m: Measured) =>
    `  ${name.padEnd(36)} ${m.category.ndcg.toFixed(3).padStart(9)} ${m.global.ndcg.toFixed(3).padStart(9)} ${m.global.spearmanRandomTies.toFixed(3).padStart(9)}`;
  const head = `  ${''.padEnd(36)} ${'cat@20'.padStart(9)} ${'NDCG@100'.padStart(9)} ${'Spearman'.padStart(9)}`;
  return [
    `cutoff ${r.cutoff}  window ${r.windowDays} days  period ${r.periodDays} days  users ${r.users}`,
    `ground truth: ${r.definition}`,
    `training snapshots ${r.trainingSnapshots.join(', ')}; validation periods ${r.validationPeriods.join(', ')}; ${r.trainSeconds.toFixed(1)} s`,
    'validation (mean over folds; the best cat@20 is chosen):',
    head,
    ...r.validation.map((v) => row(`${v.groups.join('+')} λ=${v.lambda}${v.split ? ' split' : ''}`, v)),
    ...Object.entries(r.validationBaselines).map(([name, m]) => row(`baseline ${name}`, m)),
    `chosen: ${r.chosen.groups.join('+')} λ=${r.chosen.lambda}${r.chosen.split ? ', candidate rows fitted apart' : ''}`,
    'after the cutoff:',
    head,
    row('model', r.model),
    ...Object.entries(r.baselines).map(([name, m]) => row(`baseline ${name}`, m)),
  ].join('\n');
}
