import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import { CONTRAST_MAX_PAIRS, LARGE_GRAPH, LARGE_GRAPH_PAIRS, RECOMMEND_DEFAULTS, recommendDefaults, withDefaults } from '../../../gnn/recommend/defaults';

const CIAO_PAIRS = 227_268;
const LARGE_PAIRS = 752_923;

test('LastFM and Ciao keep the defaults they were validated with', () => {
  assert.ok(CIAO_PAIRS < LARGE_GRAPH_PAIRS);
  assert.deepEqual(recommendDefaults(74_000), RECOMMEND_DEFAULTS);
  assert.deepEqual(recommendDefaults(CIAO_PAIRS), { ...RECOMMEND_DEFAULTS, grid: { ...RECOMMEND_DEFAULTS.grid, contrast: [0] } });
});

test('the contrastive run is tried up to CONTRAST_MAX_PAIRS only', () => {
  assert.deepEqual(recommendDefaults(CONTRAST_MAX_PAIRS).grid.contrast, [0, 0.005]);
  assert.deepEqual(recommendDefaults(CONTRAST_MAX_PAIRS + 1).grid.contrast, [0]);
  assert.deepEqual(recommendDefaults(LARGE_PAIRS).grid.contrast, [0]);
});

test('a large graph gets the settings the scale table was measured with, the rest as on small ones', () => {
  const d = recommendDefaults(LARGE_PAIRS);
  assert.deepEqual(
    { batchSize: d.grid.batchSize, lr: d.grid.lr, lambda: d.ensemble.lambda, gnnWeight: d.ensemble.gnnWeight, maxEpochs: d.maxEpochs, gnnSeconds: d.gnnSeconds, valFraction: d.valFraction, valUsers: d.valUsers, evalEvery: d.evalEvery, patience: d.patience, refit: d.refit },
    { batchSize: [32768], lr: [0.05], lambda: [60, 200], gnnWeight: [1, 0.5, 0.35, 0], maxEpochs: 40, gnnSeconds: 900, valFraction: 0.05, valUsers: 1000, evalEvery: 1, patience: 2, refit: false },
  );
  assert.deepEqual(d.grid.dim, RECOMMEND_DEFAULTS.grid.dim);
  assert.deepEqual(d.ensemble.dropout, RECOMMEND_DEFAULTS.ensemble.dropout);
  assert.equal(d.coldVector, RECOMMEND_DEFAULTS.coldVector);
  assert.equal(d.seed, RECOMMEND_DEFAULTS.seed);
  assert.deepEqual(RECOMMEND_DEFAULTS.grid.batchSize, [8192], 'the small-graph defaults are not changed by the merge');
  assert.equal(LARGE_GRAPH.refit, false);
  assert.deepEqual(d.grid.contrast, [0], 'no contrastive run: the scale table was measured without one');
  assert.deepEqual(RECOMMEND_DEFAULTS.grid.contrast, [0, 0.005], 'small graphs choose it on validation');
});

test('what the caller sets wins over both, field by field inside the grids; undefined means the default', () => {
  const o = withDefaults({ grid: { batchSize: [4096], dim: undefined }, ensemble: { lambda: [100] }, refit: true, maxEpochs: undefined, seed: 3 }, LARGE_PAIRS);
  assert.deepEqual(o.grid.batchSize, [4096]);
  assert.deepEqual(o.grid.lr, [0.05], 'the large-graph lr, not set by the caller');
  assert.deepEqual(o.grid.dim, [64]);
  assert.deepEqual(o.ensemble.lambda, [100]);
  assert.deepEqual(o.ensemble.gnnWeight, [1, 0.5, 0.35, 0]);
  assert.equal(o.refit, true);
  assert.equal(o.maxEpochs, 40);
  assert.equal(o.seed, 3);
  assert.deepEqual(withDefaults({}, CIAO_PAIRS), recommendDefaults(CIAO_PAIRS));
});
