import assert from 'node:assert/strict';
import { test } from '../../../support/node-test';
import { adjustedRandIndex, normalizedMutualInformation } from '../../../../gnn/forecast/communities/agreement';

test('identical partitions up to renaming score 1', () => {
  assert.equal(adjustedRandIndex([1, 1, 2, 2, 3], ['x', 'x', 'y', 'y', 'z']), 1);
  assert.ok(Math.abs(normalizedMutualInformation([1, 1, 2, 2, 3], ['x', 'x', 'y', 'y', 'z']) - 1) < 1e-12);
});

test('known values', () => {
  // sklearn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714..., NMI (arithmetic) = 0.8
  assert.ok(Math.abs(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]) - 0.5714285714) < 1e-9);
  assert.ok(Math.abs(normalizedMutualInformation([0, 0, 1, 1], [0, 0, 1, 2]) - 0.8) < 1e-9);
  // Independent partitions: NMI 0, ARI at or below 0.
  assert.ok(Math.abs(normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])) < 1e-12);
  assert.ok(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]) <= 0);
});
