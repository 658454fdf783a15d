/**
 * The recommender's settings, once: the offline command's defaults (`npm run gnn -- recommend`)
 * and what `train recommend` selects and fits on the live graph. The grid is the LastFM bench
 * grid, which holds Ciao's chosen setting too (bench/train-recommend.ts, docs/recommend.md), with
 * the GNN's L2 at 1e-3: on the seed-1 validation splits a grid over {1e-4, 1e-3} picks 1e-3 on
 * both data sets (GNN Recall@20 Ciao 0.0542 vs 0.0510, LastFM 0.2553 vs 0.2497), and it lifts
 * Ciao's chosen blend from 0.0645 to 0.0683 (LastFM's moves from 0.2814 to 0.2799), so the grid
 * is not run twice. Up to CONTRAST_MAX_PAIRS the GNN is trained twice, as plain LightGCN and with XSimGCL's
 * contrastive term at weight 0.005 (contrastive.ts), and the better on validation is kept: on the
 * LastFM seed-1 and seed-2 validation splits the term lifted the GNN from 0.2553 / 0.2510 to
 * 0.2698 / 0.2663 and the chosen blend from 0.2799 / 0.2745 to 0.2838 / 0.2795 (weights 0.002 and
 * 0.02 did less on seed 1). The validation share is scaled to the data (validation-fraction.ts), since
 * every choice is then made on validation. Users with few interactions get the 'mean' cold vector
 * (cold-vector.ts), chosen on simulated cold users since validation holds none.
 * Past LARGE_GRAPH_PAIRS training pairs LARGE_GRAPH's settings replace some of these
 * (`recommendDefaults`), and whatever a caller sets replaces both (`withDefaults`).
 */
import type { EnsembleGrid, RecommendGrid, SelectionOptions } from './pipeline';

export const RECOMMEND_DEFAULTS: SelectionOptions = {
  grid: { dim: [64], layers: [3], lr: [0.02], l2: [1e-3], batchSize: [8192], social: ['edges'], loss: ['bpr'], temperature: [0.2], contrast: [0, 0.005], noise: [0.1] },
  ensemble: { lambda: [60, 100, 200], dropout: [0.25], gnnWeight: [1, 0.65, 0.5, 0.35, 0] },
  maxEpochs: 250,
  valUsers: 3000,
  evalEvery: 5,
  patience: 6,
  refit: true,
  seed: 2022,
  coldVector: 'mean',
};

/**
 * Training pairs past which no contrastive run is tried: its noise covers every user and item row
 * at every step, so an epoch costs 2-3x a plain one on LastFM (74k pairs; 1.9k users, 17.6k items)
 * but 4.5x on Ciao (227k pairs; 112k rows: 43 s instead of 9.5). On Ciao's seed-1 validation split
 * it lifted the GNN alone from 0.0542 to 0.0566 but the chosen blend fell from 0.0683 to 0.0657.
 */
export const CONTRAST_MAX_PAIRS = 100_000;

/** Training pairs past which LARGE_GRAPH applies: above Ciao (227,268 pairs), below the 12,000-user synthetic split (361,358). */
export const LARGE_GRAPH_PAIRS = 300_000;

/**
 * The settings the scale table was measured with (docs/recommend.md, Scale): at 25,000 users one
 * GNN step propagates the whole graph in ~6 s, so an epoch at batch 8,192 takes ~9 min and the
 * defaults above would train for hours. Batches of 32,768 at lr 0.05, a check every epoch on
 * 1,000 validation users (5% of each user's pairs), patience 2, at most 40 epochs and 15 minutes,
 * the early-stopped model kept instead of a refit, two λ and four blend weights: 12.5 min for
 * the whole offline run at 25k users, 3.6 GiB.
 */
export const LARGE_GRAPH = {
  grid: { lr: [0.05], batchSize: [32768], contrast: [0] },
  ensemble: { lambda: [60, 200], gnnWeight: [1, 0.5, 0.35, 0] },
  maxEpochs: 40,
  gnnSeconds: 900,
  valFraction: 0.05,
  valUsers: 1000,
  evalEvery: 1,
  patience: 2,
  refit: false,
} satisfies SelectionSettings;

/** Some of SelectionOptions, the grids' fields one by one; undefined means "the default". */
export type SelectionSettings = Partial<Omit<SelectionOptions, 'grid' | 'ensemble'>> & { grid?: Partial<RecommendGrid>; ensemble?: Partial<EnsembleGrid> };

/** The defaults for a graph with this many training pairs. */
export function recommendDefaults(trainingPairs: number): SelectionOptions {
  if (trainingPairs > LARGE_GRAPH_PAIRS) return merge(RECOMMEND_DEFAULTS, LARGE_GRAPH);
  return trainingPairs > CONTRAST_MAX_PAIRS ? merge(RECOMMEND_DEFAULTS, { grid: { contrast: [0] } }) : RECOMMEND_DEFAULTS;
}

/** What the caller set, and the defaults for the graph's size for everything else (saying so to `log` on a large graph). */
export function withDefaults(given: SelectionSettings, trainingPairs: number, log: (line: string) => void = () => {}): SelectionOptions {
  if (trainingPairs > LARGE_GRAPH_PAIRS) log(`gnn: past ${LARGE_GRAPH_PAIRS} training pairs: the large-graph defaults (defaults.ts) for what was not set`);
  return merge(recommendDefaults(trainingPairs), given);
}

function merge(base: SelectionOptions, over: SelectionSettings): SelectionOptions {
  return { ...base, ...defined(over), grid: { ...base.grid, ...defined(over.grid ?? {}) }, ensemble: { ...base.ensemble, ...defined(over.ensemble ?? {}) } };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
