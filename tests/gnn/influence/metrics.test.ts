import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { averageRanks, influenceMetrics } from '../../../gnn/influence/metrics';

test('NDCG uses the influence value as gain; precision is the overlap of the two top-k sets', () => {
  const truth = [3, 2, 0, 1];
  assert.deepEqual(influenceMetrics([4, 3, 2, 1], truth, 2), { ndcg: 1, precision: 1, spearman: influenceMetrics([4, 3, 2, 1], truth, 2).spearman });
  const m = influenceMetrics([1, 4, 3, 2], truth, 2); // top 2 by score: users 1, 2
  const ideal = 3 + 2 / Math.log2(3);
  assert.ok(Math.abs(m.ndcg - 2 / ideal) < 1e-12);
  assert.equal(m.precision, 0.5);
});

test('Spearman with tied values at their average rank', () => {
  assert.deepEqual(Array.from(averageRanks([5, 1, 5, 3])), [3.5, 1, 3.5, 2]);
  assert.ok(Math.abs(influenceMetrics([1, 2, 3, 4], [10, 20, 30, 40], 2).spearman - 1) < 1e-12);
  assert.ok(Math.abs(influenceMetrics([4, 3, 2, 1], [10, 20, 30, 40], 2).spearman + 1) < 1e-12);
  // ranks (1, 2.5, 2.5, 4) vs (1, 2, 3, 4): r = 4.5 / sqrt(4.5 · 5)
  assert.ok(Math.abs(influenceMetrics([1, 2, 2, 3], [1, 2, 3, 4], 2).spearman - 4.5 / Math.sqrt(4.5 * 5)) < 1e-12);
});

test('ties in a ranking are broken by position (user id order)', () => {
  // Users 0 and 1 tie on score; user 0 comes first, and only user 1 has influence.
  assert.equal(influenceMetrics([1, 1, 0], [0, 5, 0], 1).precision, 0);
  assert.equal(influenceMetrics([1, 1, 0], [5, 0, 0], 1).precision, 1);
});
