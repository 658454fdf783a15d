/**
 * What the bounded DLAE form (gnn/recommend/local-dlae.ts) costs inside the blend that is served,
 * where bench/dlae-bounded-ciao.ts measures DLAE alone: the pipeline's own selection
 * (fitRecommender with the defaults, seed 2022, no refit) on Ciao's training split, once with the
 * exact dual form and once per k with the bounded form forced. Each run carves the same
 * validation set and trains the same GNN (the pipeline is deterministic per seed), so only DLAE
 * differs; the blend weight and λ are chosen on validation in each, as the pipeline chooses them.
 * Only validation figures are recorded; the test split is read for the id ranges, never scored.
 * Each form's row (`neighbours`: k, 0 for the exact form) replaces that form's row in
 * bench/results/dlae-bounded-blend-ciao.json, so forms can run as separate processes.
 * Usage: npx tsx bench/dlae-bounded-blend.ts [k ...]   (k = 0: the exact form; default 0 128)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { initBackend } from '../gnn/core/backend';
import { RECOMMEND_DEFAULTS } from '../gnn/recommend/defaults';
import { describeEnsemble, fitRecommender } from '../gnn/recommend/pipeline';
import { readSplit } from '../gnn/recommend/offline/split';

const SPLIT = '../shared/datasets/ciao/sociallgn-split';
const RESULTS = 'bench/results/dlae-bounded-blend-ciao.json';
const ks = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [0, 128];

await initBackend();
const split = readSplit(SPLIT);
const data = { numUsers: split.numUsers, numItems: split.numItems, train: split.train, trust: split.trust };
for (const neighbours of ks) {
  const opts = { ...RECOMMEND_DEFAULTS, ensemble: { ...RECOMMEND_DEFAULTS.ensemble, neighbours }, refit: false };
  const fitted = fitRecommender(data, opts, (line) => process.stderr.write(`${line}\n`));
  const fitSeconds = new Map<string, number>();
  for (const t of fitted.ensembleTrials) {
    const fit = `${t.dlae.lambda},${t.dlae.dropout}`;
    fitSeconds.set(fit, Math.max(fitSeconds.get(fit) ?? 0, t.seconds));
  }
  const row = {
    form: neighbours ? `bounded, ${neighbours} neighbours` : 'exact dual form',
    neighbours,
    gnnEpochs: fitted.epochs,
    gnnAloneValRecall20: Number(fitted.trials[0].valRecall20.toFixed(4)),
    dlaeAloneBestValRecall20: Number(Math.max(...fitted.ensembleTrials.filter((t) => t.gnnWeight === 0).map((t) => t.valRecall20)).toFixed(4)),
    chosen: describeEnsemble(fitted.ensemble),
    valRecall20: Number(fitted.validation!.recall20.toFixed(4)),
    valNdcg20: fitted.validation!.ndcg20 === null ? null : Number(fitted.validation!.ndcg20.toFixed(4)),
    /** Every DLAE fit with its validation rankings (a trial's seconds run from its fit's start). */
    dlaeSeconds: Math.round([...fitSeconds.values()].reduce((a, b) => a + b, 0)),
    trainSeconds: Math.round(fitted.trainSeconds),
    loadAverage: os.loadavg()[0],
    command: `nice -n ${os.getPriority()} npx tsx bench/dlae-bounded-blend.ts ${neighbours}`,
  };
  fitted.model.dispose();
  process.stdout.write(`${JSON.stringify(row)}\n`);
  // Read again just before writing: another process may have added its form meanwhile.
  const rows = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { rows: (typeof row)[] }).rows : [];
  const merged = [...rows.filter((r) => r.neighbours !== neighbours), row].sort((a, b) => a.neighbours - b.neighbours);
  writeFileSync(RESULTS, `${JSON.stringify({ split: SPLIT, options: { ...RECOMMEND_DEFAULTS, refit: false }, rows: merged }, null, 2)}\n`);
}
