/**
 * What the bounded DLAE form (gnn/recommend/local-dlae.ts) costs against the exact dual form where
 * both fit: Ciao's VALIDATION set (carved from its training split exactly as `recommend` does with
 * the Ciao bench settings: 5% per user, 3,000 users ranked, seed 2022; the test split is only read for the id ranges, never scored), DLAE alone at Ciao's chosen λ = 60, p = 0.25, exact and with
 * k neighbours per user. Writes bench/results/dlae-bounded-ciao.json.
 * Usage: npx tsx bench/dlae-bounded-ciao.ts [k ...]   (default 64 128 256)
 */
import { writeFileSync } from 'node:fs';
import { initBackend } from '../gnn/core/backend';
import { buildCsr } from '../gnn/core/graph/csr';
import { Random } from '../gnn/core/random';
import { fitDlae } from '../gnn/recommend/dlae-form';
import { holdOut, sampleUsers } from '../gnn/recommend/holdout';
import { evaluateRanking } from '../gnn/recommend/offline/evaluate';
import { readSplit } from '../gnn/recommend/offline/split';

const SPLIT = '../shared/datasets/ciao/sociallgn-split';
const HP = { lambda: 60, dropout: 0.25 };
const [VAL_FRACTION, VAL_USERS, SEED] = [0.05, 3000, 2022];
const ks = process.argv.slice(2).map(Number);

await initBackend();
const split = readSplit(SPLIT);
const { numUsers, numItems } = split;
const rng = new Random(SEED);
const { fit, validation } = holdOut(split.train, numUsers, VAL_FRACTION, rng);
const checked = sampleUsers(validation, VAL_USERS, rng);
const truth = buildCsr(numUsers, checked.a, checked.b);
const exclude = buildCsr(numUsers, fit.a, fit.b);
const rows = [];
for (const neighbours of [0, ...(ks.length ? ks : [64, 128, 256])]) {
  const started = Date.now();
  const dlae = fitDlae(numUsers, numItems, fit, HP, neighbours);
  const fitSeconds = (Date.now() - started) / 1000;
  const { metrics } = evaluateRanking(dlae, truth, exclude, [20]);
  const row = {
    form: neighbours ? `bounded, ${neighbours} neighbours` : 'exact dual form',
    valRecall20: Number(metrics[20].recall.toFixed(4)),
    valNdcg20: Number(metrics[20].ndcg.toFixed(4)),
    fitSeconds,
    /** What is published per model beyond X and Λ⁻¹: K⁻¹ (U² floats) or k+1 floats and k indices per user. */
    publishedMiB: Number(((neighbours ? numUsers * (2 * neighbours + 1) * 4 : numUsers * numUsers * 4) / 2 ** 20).toFixed(1)),
  };
  rows.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
writeFileSync(
  'bench/results/dlae-bounded-ciao.json',
  `${JSON.stringify({ split: SPLIT, validation: { fraction: VAL_FRACTION, users: VAL_USERS, seed: SEED }, hyperParameters: HP, command: 'nice -n 19 npx tsx bench/dlae-bounded-ciao.ts', rows }, null, 2)}\n`,
);
