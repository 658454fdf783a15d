/**
 * Validation only: the recommender's selection (gnn/recommend/pipeline.ts) on a split's training
 * set, without a refit, and no test item read; prints each GNN trial and the best blend. For trying
 * a GNN setting against the defaults (docs/recommend.md) without ever seeing a test metric.
 * Usage: npx tsx bench/recommend-validation.ts SPLIT SEED CONTRASTS [NOISES] [--gnn-only]
 *   e.g. `… ../shared/datasets/lastfm/sociallgn-split 1 0,0.005` (CONTRASTS, NOISES: comma lists)
 */
import { initBackend } from '../gnn/core/backend';
import { readSplit } from '../gnn/recommend/offline/split';
import { withDefaults } from '../gnn/recommend/defaults';
import { fitRecommender, describe, describeEnsemble } from '../gnn/recommend/pipeline';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const [dir, seed, contrasts, noises] = args;
if (!contrasts) throw new Error('usage: npx tsx bench/recommend-validation.ts SPLIT SEED CONTRASTS [NOISES] [--gnn-only]');
const list = (x: string | undefined) => x?.split(',').map(Number);
await initBackend(() => {});
const split = readSplit(dir);
const opts = withDefaults(
  { seed: Number(seed), refit: false, grid: { contrast: list(contrasts), noise: list(noises) }, ensemble: process.argv.includes('--gnn-only') ? { gnnWeight: [1] } : {} },
  split.train.a.length,
);
const fitted = fitRecommender(split, opts, (line) => console.log(line), (p) => {
  if (p.done % 10 === 0 || p.finished) console.log(p.task, p.done, p.note);
});
for (const t of fitted.trials) console.log(`GNN ${t.valRecall20.toFixed(4)} at epoch ${t.bestEpoch} (${t.seconds.toFixed(0)} s): ${describe(t.hyperParameters)}`);
const blend = Math.max(0, ...fitted.ensembleTrials.map((t) => t.valRecall20));
console.log(`best blend ${blend.toFixed(4)}: ${describeEnsemble(fitted.ensemble)}`);
process.exit(0);
