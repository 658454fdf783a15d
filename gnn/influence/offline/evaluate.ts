/**
 * Offline evaluation at a cutoff: train on the past, score users active before the cutoff, and
 * compare the model and the baselines against the influence observed after it.
 */
import type { ActivityLog } from '../../core/activity-log';
import type { OnProgress } from '../../core/progress';
import { DAY_MS } from '../../core/activity-log';
import { BASELINES, baselineScores, type BaselineName } from './baselines';
import { indexLog } from '../features';
import { influenceCounts } from '../ground-truth';
import { influenceMetrics, type InfluenceMetrics } from '../metrics';
import { trainAndScore, type InfluenceTrainOptions } from '../pipeline';

export const K = 100;

export const TRUTH_DEFINITION =
  'influence(u) = #distinct (follower f, product p): f follows u, u acted on p at t_u > cutoff, ' +
  'f acted on p at t_f with t_u < t_f <= t_u + window (so also after the cutoff; follower actions up to the end of the data). ' +
  'NDCG gain = influence value (linear); ties in any ranking broken by user id ascending';

export interface EvaluationReport {
  cutoff: string;
  windowDays: number;
  periodDays: number;
  seed: number;
  definition: string;
  users: number;
  usersWithInfluence: number;
  backend: string;
  trainSeconds: number;
  chosenEpochs: number;
  members: number;
  trainingSnapshots: string[];
  validation: { epoch: number; nll: number; ndcg: number; spearman: number }[];
  model: InfluenceMetrics;
  baselines: Record<BaselineName, InfluenceMetrics>;
}

export interface Evaluation {
  report: EvaluationReport;
  /** Predicted influence in the next period, by user id, for every user active before the cutoff. */
  scores: Record<string, number>;
}

export async function evaluateInfluence(log: ActivityLog, cutoff: number, opts: InfluenceTrainOptions, onProgress?: OnProgress): Promise<Evaluation> {
  const index = indexLog(log);
  const run = await trainAndScore(log, cutoff, opts, index, onProgress);
  for (const m of run.models) m.dispose();
  const truth = influenceCounts(log, { actorFrom: cutoff, actorTo: Infinity, followerTo: Infinity, windowMs: opts.windowMs }, index.groups, index.follows);
  const users = Array.from(run.snapshot.active).sort((a, b) => compareIds(log.userIds[a], log.userIds[b]));
  const on = (values: ArrayLike<number>) => users.map((u) => values[u]);
  const trueValues = on(truth);
  const baselines = baselineScores(run.snapshot);
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const report: EvaluationReport = {
    cutoff: day(cutoff),
    windowDays: opts.windowMs / DAY_MS,
    periodDays: opts.periodMs / DAY_MS,
    seed: opts.seed,
    definition: TRUTH_DEFINITION,
    users: users.length,
    usersWithInfluence: trueValues.filter((v) => v > 0).length,
    backend: run.backend,
    trainSeconds: run.trainSeconds,
    chosenEpochs: run.chosenEpochs,
    members: run.models.length,
    trainingSnapshots: run.snapshotTimes.map(day),
    validation: run.validationHistory.map((h) => ({ epoch: h.epoch, nll: h.validation!.nll, ndcg: h.validation!.ndcg, spearman: h.validation!.spearman })),
    model: influenceMetrics(on(run.scores), trueValues, K),
    baselines: Object.fromEntries(BASELINES.map((b) => [b, influenceMetrics(on(baselines[b]), trueValues, K)])) as Record<BaselineName, InfluenceMetrics>,
  };
  const scores = Object.fromEntries(users.map((u) => [log.userIds[u], run.scores[u]]));
  return { report, scores };
}

/** Numeric ids numerically, anything else by code points: the user order that breaks ranking ties. */
export function compareIds(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatReport(r: EvaluationReport): string {
  const row = (name: string, m: InfluenceMetrics) => `  ${name.padEnd(20)} ${m.ndcg.toFixed(3).padStart(8)} ${m.precision.toFixed(2).padStart(6)} ${m.spearman.toFixed(3).padStart(9)}`;
  return [
    `cutoff ${r.cutoff}  window ${r.windowDays} days  period ${r.periodDays} days  seed ${r.seed}  backend ${r.backend}`,
    `ground truth: ${r.definition}`,
    `users active before the cutoff: ${r.users} (${r.usersWithInfluence} with influence after it)`,
    `training: snapshots ${r.trainingSnapshots.join(', ')}; ${r.chosenEpochs} epochs chosen on the latest; ${r.members} models averaged; ${r.trainSeconds.toFixed(1)} s`,
    `  ${'scorer'.padEnd(20)} ${'NDCG@100'.padStart(8)} ${'P@100'.padStart(6)} ${'Spearman'.padStart(9)}`,
    row('GNN', r.model),
    ...Object.entries(r.baselines).map(([name, m]) => row(name, m)),
  ].join('\n');
}
