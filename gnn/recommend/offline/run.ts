/**
 * The offline evaluation on one split directory: the recommender chosen and fitted on the
 * training set exactly as `train recommend` does it (../pipeline.ts), then the test set touched
 * once: all non-training items ranked for every test user, top 20, metrics.
 */
import { initBackend } from '../../core/backend';
import { buildCsr, rowOf } from '../../core/graph/csr';
import type { OnProgress } from '../../core/progress';
import { withDefaults, type SelectionSettings } from '../defaults';
import { fitRecommender, fittedScorer, type FittedRecommender } from '../pipeline';
import { evaluateRanking } from './evaluate';
import type { RankingMetrics } from './metrics';
import { beyondAccuracy, type BeyondAccuracy } from './beyond-accuracy';
import { readSplit, type Split } from './split';

/** Settings not given are the defaults for the split's size (defaults.ts). */
export interface RecommendRunOptions extends SelectionSettings {
  split: string;
  log?: (line: string) => void;
  onProgress?: OnProgress;
}

export interface RecommendRun extends FittedRecommender {
  backend: string;
  split: Split;
  test: RankingMetrics;
  /** Coverage, novelty and cold-user accuracy of the test top-20 lists. */
  testBeyond: BeyondAccuracy;
  /** Top-20 per test user, best first. */
  predictions: Record<string, number[]>;
}

const KS = [10, 20];

export async function runRecommend(opts: RecommendRunOptions): Promise<RecommendRun> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const backend = await initBackend(log);
  const split = readSplit(opts.split);
  const { numUsers, numItems } = split;
  log(`gnn: ${opts.split}: ${numUsers} users, ${numItems} items, ${split.train.a.length} train / ${split.test.a.length} test interactions, ${split.trust.a.length} trust edges`);
  const selection = withDefaults(opts, split.train.a.length, log);
  const fitted = fitRecommender({ numUsers, numItems, train: split.train, trust: split.trust }, selection, log, opts.onProgress);
  const scorer = fittedScorer(fitted);
  // The single look at the test set.
  const truth = buildCsr(numUsers, split.test.a, split.test.b);
  const result = evaluateRanking(scorer, truth, buildCsr(numUsers, split.train.a, split.train.b), KS);
  scorer.dispose();
  const testBeyond = beyondAccuracy(split.train, result.users, result.ranked, Array.from(result.users, (u) => rowOf(truth, u)));
  const predictions: Record<string, number[]> = {};
  result.users.forEach((u, k) => {
    predictions[String(u)] = Array.from(result.ranked[k]);
  });
  return { ...fitted, backend, split, test: result.metrics, testBeyond, predictions };
}
