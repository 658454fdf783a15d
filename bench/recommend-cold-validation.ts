/**
 * Does the social part help cold users, asked of training data only (issue #18 part 3)?
 * The pipeline's validation holds out 5–10% of each user's items, which is none for a user with
 * few, so no cold user is ever in it. This simulates them instead: `--users` seeded users with at
 * least `--min-items` training items keep only `--keep` of them (seeded) and the rest become their
 * validation truth; everyone else keeps all their items. Then, for the GNN with trust edges and
 * without (`social` edges / none, the defaults' other settings), training early-stops on those
 * users (or, with `--epochs N`, trains N epochs as the pipeline's refit does), and every blend of
 * the defaults' DLAE grid is scored on them, with each simulated user's GNN vector formed each
 * way of cold-vector.ts (from the model trained as 'trained'): all of them, and split by whether
 * the user has a trust edge (simulated users are warm users, who have edges more often than real
 * cold ones, so the split is what carries over).
 * Usage: npx tsx bench/recommend-cold-validation.ts SPLIT_DIR NAME [--users 1000] [--keep 3] [--min-items 15] [--seed 1] [--epochs N]
 * Writes bench/results/recommend-cold-validation-NAME.json and prints it.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../gnn/core/backend';
import { buildCsr, rowOf, type Csr } from '../gnn/core/graph/csr';
import { Random } from '../gnn/core/random';
import { RECOMMEND_DEFAULTS as D } from '../gnn/recommend/defaults';
import { fitDlae, type FittedDlae } from '../gnn/recommend/dlae-form';
import type { PairList } from '../gnn/recommend/graph';
import { COLD_VECTORS, coldUserTable, type ColdVector } from '../gnn/recommend/cold-vector';
import { EmbeddingScorer } from '../gnn/recommend/embedding-scorer';
import { SocialRecommender, type RecommendHyperParams } from '../gnn/recommend/model';
import { evaluateRanking } from '../gnn/recommend/offline/evaluate';
import type { ItemScorer } from '../gnn/recommend/offline/rank';
import { readSplit } from '../gnn/recommend/offline/split';
import { ScoreEnsemble } from '../gnn/recommend/score-ensemble';
import { trainBpr } from '../gnn/recommend/train-bpr';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    users: { type: 'string', default: '1000' },
    keep: { type: 'string', default: '3' },
    'min-items': { type: 'string', default: '15' },
    seed: { type: 'string', default: '1' },
    epochs: { type: 'string', default: '0' },
  },
});
const [splitDir, name] = positionals;
if (!splitDir || !name) throw new Error('usage: npx tsx bench/recommend-cold-validation.ts SPLIT_DIR NAME [--users N] [--keep K] [--min-items M] [--seed S] [--epochs N]');
const [numSimulated, keep, minItems, seed, epochs] = [values.users, values.keep, values['min-items'], values.seed, values.epochs].map(Number);

await initBackend(() => {});
const split = readSplit(splitDir);
const { numUsers, numItems, trust } = split;
const rng = new Random(seed);

// Simulated cold users: seeded among users with at least minItems items; each keeps `keep` of them.
const byUser = buildCsr(numUsers, split.train.a, split.train.b);
const candidates = Int32Array.from({ length: numUsers }, (_, u) => u).filter((u) => rowOf(byUser, u).length >= minItems);
const simulated = new Set(rng.shuffle(candidates).subarray(0, numSimulated));
const fit: [number[], number[]] = [[], []];
const truth: [number[], number[]] = [[], []];
for (let u = 0; u < numUsers; u++) {
  const items = rng.shuffle(Int32Array.from(rowOf(byUser, u)));
  items.forEach((item, k) => {
    const target = simulated.has(u) && k >= keep ? truth : fit;
    target[0].push(u);
    target[1].push(item);
  });
}
const pairs = (p: [number[], number[]]): PairList => ({ a: Int32Array.from(p[0]), b: Int32Array.from(p[1]) });
const fitPairs = pairs(fit);
const exclude = buildCsr(numUsers, fitPairs.a, fitPairs.b);
const trusted = new Set([...trust.a, ...trust.b]);
/** The truth of the simulated users, of all or only those with (or without) a trust edge. */
const truthOf = (edge?: boolean): Csr => {
  const idx = truth[0].flatMap((u, k) => (edge === undefined || trusted.has(u) === edge ? [k] : []));
  return buildCsr(numUsers, Int32Array.from(idx, (k) => truth[0][k]), Int32Array.from(idx, (k) => truth[1][k]));
};
// A group without users (LastFM: everyone has a trust edge) is left out.
const groups = Object.fromEntries(
  Object.entries({ all: truthOf(), withTrustEdge: truthOf(true), withoutTrustEdge: truthOf(false) }).filter(([, t]) => t.cols.length > 0),
) as Record<'all' | 'withTrustEdge' | 'withoutTrustEdge', Csr | undefined>;
const recall = (scorer: ItemScorer, t: Csr) => Number(evaluateRanking(scorer, t, exclude, [20]).metrics[20].recall.toFixed(4));

const dlaes: { lambda: number; dropout: number; model: FittedDlae }[] = [];
for (const lambda of D.ensemble.lambda)
  for (const dropout of D.ensemble.dropout) dlaes.push({ lambda, dropout, model: fitDlae(numUsers, numItems, fitPairs, { lambda, dropout }, D.ensemble.form) });

type Blend = { gnnWeight: number; dlae: { lambda: number; dropout: number } | null; recall20: Record<string, number> };
const followees = buildCsr(numUsers, trust.a, trust.b);

const g = D.grid;
const results = [];
for (const social of ['edges', 'none'] as const) {
  const hp: RecommendHyperParams = { dim: g.dim[0], layers: g.layers[0], lr: g.lr[0], l2: g.l2[0], batchSize: g.batchSize[0], social, loss: g.loss[0], temperature: g.temperature[0] };
  const model = new SocialRecommender({ numUsers, numItems, interactions: fitPairs, trust }, hp, seed);
  const trained = trainBpr(model, fitPairs, {
    maxEpochs: epochs || D.maxEpochs,
    seed: seed + 1,
    numUsers,
    numItems,
    validation: epochs ? undefined : { truth: groups.all!, every: D.evalEvery, patience: D.patience },
    label: `social=${social}`,
  });
  const { users, items } = model.embed();
  const [userEmb, itemEmb] = [users.dataSync() as Float32Array, items.dataSync() as Float32Array];
  const coldVectors = Object.fromEntries(
    COLD_VECTORS.map((kind) => {
      const gnn = new EmbeddingScorer(tf.tensor2d(coldUserTable(kind, userEmb, itemEmb, hp.dim, simulated, exclude, social === 'none' ? null : followees), users.shape), items.clone());
      const blends = [];
      for (const dlae of dlaes)
        for (const gnnWeight of D.ensemble.gnnWeight) {
          // w = 1 is the GNN alone whatever the DLAE: score it once.
          if (gnnWeight === 1 && dlae !== dlaes[0]) continue;
          const scorer = gnnWeight === 1 ? gnn : new ScoreEnsemble([{ scorer: gnn, weight: gnnWeight }, { scorer: dlae.model, weight: 1 - gnnWeight }]);
          const recall20 = Object.fromEntries(Object.entries(groups).map(([group, t]) => [group, recall(scorer, t!)]));
          blends.push({ gnnWeight, dlae: gnnWeight === 1 ? null : { lambda: dlae.lambda, dropout: dlae.dropout }, recall20 });
        }
      gnn.dispose();
      const best = blends.reduce((a, b) => (b.recall20.all > a.recall20.all ? b : a));
      return [kind, { best, blends }];
    }),
  ) as Record<ColdVector, { best: Blend; blends: Blend[] }>;
  tf.dispose([users, items]);
  model.dispose();
  results.push({ social, epochs: trained.bestEpoch, coldVectors });
  console.error(`social=${social}: ${trained.bestEpoch} epochs, best ${JSON.stringify(Object.fromEntries(COLD_VECTORS.map((k) => [k, coldVectors[k].best])))}`);
}

const [edges, none] = results;
const lift = (kind: ColdVector, group: keyof typeof groups) =>
  groups[group] ? Number((edges.coldVectors[kind].best.recall20[group] / none.coldVectors[kind].best.recall20[group] - 1).toFixed(4)) : null;
const out = {
  command: `npx tsx bench/recommend-cold-validation.ts ${process.argv.slice(2).join(' ')}`,
  training: epochs ? `${epochs} epochs` : 'early-stopped on the simulated users',
  simulated: { users: simulated.size, keep, minItems, seed, withTrustEdge: [...simulated].filter((u) => trusted.has(u)).length, truthItems: truth[0].length },
  // Per way of forming the cold vector, each model with the blend that suits the simulated cold users best, as validation would choose it.
  liftOfBest: Object.fromEntries(COLD_VECTORS.map((kind) => [kind, { all: lift(kind, 'all'), withTrustEdge: lift(kind, 'withTrustEdge'), withoutTrustEdge: lift(kind, 'withoutTrustEdge') }])),
  results,
};
const file = `bench/results/recommend-cold-validation-${name}.json`;
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(JSON.stringify({ ...out, results: results.map(({ social, epochs, coldVectors }) => ({ social, epochs, best: Object.fromEntries(COLD_VECTORS.map((k) => [k, coldVectors[k].best])) })) }, null, 2));
console.log(`wrote ${file}`);
