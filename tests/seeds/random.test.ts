import assert from 'node:assert/strict';
import { test } from '../support/node-test';
import { Rng, WeightedSampler, zipfWeights } from '../../seeds/random';

test('the same seed gives the same stream, different seeds differ', () => {
  const draw = (seed: number): number[] => {
    const rng = new Rng(seed);
    return Array.from({ length: 5 }, () => rng.float());
  };
  assert.deepEqual(draw(1), draw(1));
  assert.notDeepEqual(draw(1), draw(2));
});

test('helpers stay in range and follow their weights', () => {
  const rng = new Rng(3);
  const counts = [0, 0, 0];
  const sampler = new WeightedSampler(['a', 'b', 'c'], [1, 0, 3]);
  for (let i = 0; i < 4000; i++) {
    const n = rng.int(2, 4);
    assert.ok(n >= 2 && n <= 4);
    counts[rng.weightedIndex([1, 0, 3])]++;
    assert.notEqual(sampler.sample(rng), 'b');
  }
  assert.equal(counts[1], 0);
  assert.ok(counts[2] > 2.5 * counts[0] && counts[2] < 3.5 * counts[0], String(counts));
  assert.deepEqual(rng.shuffle([1, 2, 3, 4, 5]).sort(), [1, 2, 3, 4, 5]);
  assert.ok(rng.pareto(1, 1.5) >= 1);
  const normals = Array.from({ length: 4000 }, () => rng.normal(10, 2));
  const mean = normals.reduce((s, x) => s + x, 0) / normals.length;
  assert.ok(Math.abs(mean - 10) < 0.2, `mean ${mean}`);
  assert.deepEqual(zipfWeights(3), [1, 1 / 2, 1 / 3]);
});
