import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { BASELINES } from '../../../gnn/forecast/baselines';

// y[i] = i for i = 0..23: every baseline has a known value.
const y = Array.from({ length: 24 }, (_, i) => i);

test('last, mean of 3 and of 12 look back from the origin', () => {
  assert.equal(BASELINES.last(y, 20, 2), 20);
  assert.equal(BASELINES.mean3(y, 20, 1), 19);
  assert.equal(BASELINES.mean12(y, 20, 3), 14.5);
});

test('seasonal naive takes the same period one season earlier', () => {
  assert.equal(BASELINES.seasonal12(y, 20, 1), 9);
  assert.equal(BASELINES.seasonal12(y, 20, 3), 11);
});

test('short histories use what exists', () => {
  assert.equal(BASELINES.mean12(y, 1, 1), 0.5);
  assert.equal(BASELINES.seasonal12(y, 5, 1), 5);
});
