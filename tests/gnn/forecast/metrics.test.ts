import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { coverage, horizonMetrics, naiveScale } from '../../../gnn/forecast/metrics';
import { conformalMargin, conformityScore } from '../../../gnn/forecast/calibrate';

test('naive scale is the mean absolute one-step change up to the origin', () => {
  assert.equal(naiveScale([1, 3, 2, 6], 3), (2 + 1 + 4) / 3);
  assert.equal(naiveScale([5, 5, 5], 2), 1);
});

test('MAE and MASE per horizon', () => {
  const series = [[0, 2, 0, 2, 0, 2]]; // naive scale 2 at any origin
  const m = horizonMetrics(
    [
      { community: 0, origin: 3, horizon: 1, actual: 0, expected: 1 },
      { community: 0, origin: 3, horizon: 2, actual: 2, expected: 6 },
      { community: 0, origin: 2, horizon: 1, actual: 2, expected: 5 },
    ],
    series,
    2,
  );
  assert.deepEqual(m.mae, [2, 4]);
  assert.deepEqual(m.mase, [1, 2]);
  assert.deepEqual(m.count, [2, 1]);
});

test('coverage counts targets inside [low, high], ends included', () => {
  const f = (horizon: number, actual: number) => ({ community: 0, origin: 0, horizon, actual, expected: 0, low: 1, high: 3 });
  const c = coverage([f(1, 1), f(1, 3), f(1, 4), f(2, 0)], 2);
  assert.deepEqual(c.perHorizon, [2 / 3, 0]);
  assert.equal(c.overall, 0.5);
});

test('conformal margin: the ⌈(n+1)·coverage⌉-th smallest score', () => {
  assert.equal(conformityScore(10, 20, 25, 5), 1);
  assert.equal(conformityScore(10, 20, 12, 1), -2);
  const scores = [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6];
  assert.equal(conformalMargin(scores, 0.8), 5); // ⌈11·0.8⌉ = 9th
  assert.equal(conformalMargin([], 0.8), 0);
  assert.equal(conformalMargin([1, 2], 0.99), 2);
});
